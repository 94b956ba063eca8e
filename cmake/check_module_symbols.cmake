# Checks the core's objects against the module declarations of
# sdk/CMakeLists.txt: a module may call only functions (and use only data)
# of its own and of the modules it declares in DEPS. The include folders hold
# a module to its declared modules' private headers; this catches the rest,
# the functions of another module reached through a public header.
#
#   cmake -DMANIFEST=<build>/module_objects.cmake -DNM=<nm> -P cmake/check_module_symbols.cmake
#
# MANIFEST (written by sdk/CMakeLists.txt) sets POURA_MODULES and, for each
# module, deps_<module> and objects_<module>.
cmake_minimum_required(VERSION 3.25)
include(${MANIFEST})

# Mangled names of the poura namespace, defined (T, D, R, B, V, W) or used (U).
set(poura_symbol "_Z[A-Za-z0-9_]*5poura[A-Za-z0-9_.]*")
set(checked 0)
foreach(module IN LISTS POURA_MODULES)
  set(used_${module})
  foreach(object IN LISTS objects_${module})
    execute_process(COMMAND ${NM} -P ${object} OUTPUT_VARIABLE listing RESULT_VARIABLE failed)
    if(failed)
      message(FATAL_ERROR "${NM} ${object} failed")
    endif()
    string(REGEX MATCHALL "${poura_symbol} [TDRBVWU]" entries "${listing}")
    foreach(entry IN LISTS entries)
      string(REGEX REPLACE " (.)$" ";\\1" entry "${entry}")
      list(GET entry 0 symbol)
      list(GET entry 1 type)
      if(type STREQUAL "U")
        list(APPEND used_${module} ${symbol})
      else()
        list(APPEND defined_in_${symbol} ${module})
      endif()
    endforeach()
  endforeach()
endforeach()

set(violations "")
foreach(module IN LISTS POURA_MODULES)
  list(REMOVE_DUPLICATES used_${module})
  foreach(symbol IN LISTS used_${module})
    set(owners ${defined_in_${symbol}})
    if(NOT owners OR module IN_LIST owners)
      continue()
    endif()
    math(EXPR checked "${checked} + 1")
    set(allowed FALSE)
    foreach(owner IN LISTS owners)
      if(owner IN_LIST deps_${module})
        set(allowed TRUE)
      endif()
    endforeach()
    if(NOT allowed)
      list(REMOVE_DUPLICATES owners)
      string(APPEND violations "  ${module} uses ${symbol} of ${owners}\n")
    endif()
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "Modules use modules they do not declare in sdk/CMakeLists.txt (DEPS):\n${violations}"
    "(c++filt demangles the names.) Declare the dependency if docs/architecture.md's layers allow it.")
endif()
message(STATUS "${checked} uses of other modules' symbols, all declared")
