// Symbol visibility: the library is built with hidden symbols; POURA_API marks
// the public ones. POURA_STATIC is defined for consumers of the static library.
#pragma once

#if defined(POURA_STATIC)
#  define POURA_API
#elif defined(_WIN32)
#  if defined(POURA_BUILDING)
#    define POURA_API __declspec(dllexport)
#  else
#    define POURA_API __declspec(dllimport)
#  endif
#else
#  define POURA_API __attribute__((visibility("default")))
#endif
