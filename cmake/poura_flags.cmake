# Compiler and linker flags that not every toolchain has, applied only where
# they are understood.
include_guard(DIRECTORY)
include(CheckLinkerFlag)

# Warnings, in the GCC and Clang spelling (Emscripten's em++ is Clang).
if(CMAKE_CXX_COMPILER_ID MATCHES "^(GNU|Clang|AppleClang)$")
  set(POURA_WARNINGS -Wall -Wextra -Wpedantic)
else()
  set(POURA_WARNINGS)
endif()

# poura_link_option(<target> <flag>) adds LINKER:<flag> to <target>'s link
# when the linker takes it: GNU ld, gold and lld take the GNU options used
# here (a version script, --no-undefined, --exclude-libs); Apple's ld, MSVC's
# link and Emscripten's wasm-ld do not. Each flag is checked once.
function(poura_link_option target flag)
  string(MAKE_C_IDENTIFIER "POURA_LINKER_TAKES_${flag}" result)
  check_linker_flag(CXX "LINKER:${flag}" ${result})
  if(${result})
    target_link_options(${target} PRIVATE "LINKER:${flag}")
  endif()
endfunction()

# poura_shared_library_link_options(<target> <version script>): when <target>
# is a shared library, it exports only what the script names, and its link
# fails on an undefined symbol.
function(poura_shared_library_link_options target map)
  get_target_property(type ${target} TYPE)
  if(NOT type STREQUAL "SHARED_LIBRARY")
    return()
  endif()
  poura_link_option(${target} "--version-script=${map}")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${map})
  # Under clang's sanitizers the runtimes are linked into executables only, so
  # a library's references to them stay undefined until then.
  if(NOT POURA_SANITIZE AND NOT POURA_SANITIZE_THREAD)
    poura_link_option(${target} "--no-undefined")
  endif()
endfunction()
