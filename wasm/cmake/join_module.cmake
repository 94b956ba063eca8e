# Writes OUTPUT: the files PARTS one after the other, as one ES module.
set(module "")
foreach(part IN LISTS PARTS)
  file(READ ${part} text)
  string(APPEND module "${text}\n")
endforeach()
file(WRITE ${OUTPUT} "${module}")
