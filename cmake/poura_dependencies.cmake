# The core's third-party libraries, as the targets sdk/CMakeLists.txt links.
# Each is found on the system unless the including project already defines
# its target: wasm/ defines them all, built for WebAssembly from Debian's
# sources. Included by the top level, by bindings/python when it links a
# prebuilt core, and by the installed pouraConfig.cmake of a static libpoura.
#
#   POURA_QR_READ  also libjpeg and ZXing, for reading QR codes from images
#   POURA_OFFICE   also SQLite, libcurl, Cairo and Pango, for the office modules
include_guard(DIRECTORY)
include(CMakeFindDependencyMacro)

# find_dependency returns from an including package config file when a
# package is missing; in a project, REQUIRED stops with the same message.
macro(poura_find_dependency target)
  if(NOT TARGET ${target})
    if(CMAKE_FIND_PACKAGE_NAME)
      find_dependency(${ARGN})
    else()
      find_package(${ARGN} REQUIRED)
    endif()
  endif()
endmacro()

# <modules> is one argument: several modules as a list, "a;b".
macro(poura_find_pkg_config target module)
  if(NOT TARGET PkgConfig::${target})
    if(NOT PKG_CONFIG_FOUND)
      if(CMAKE_FIND_PACKAGE_NAME)
        find_dependency(PkgConfig)
      else()
        find_package(PkgConfig REQUIRED)
      endif()
    endif()
    pkg_check_modules(${target} REQUIRED IMPORTED_TARGET ${module})
  endif()
endmacro()

poura_find_dependency(nlohmann_json::nlohmann_json nlohmann_json 3.10)
poura_find_dependency(ZLIB::ZLIB ZLIB)
poura_find_dependency(PNG::PNG PNG)
poura_find_pkg_config(BOTAN botan-2)
poura_find_pkg_config(QRENCODE libqrencode)
if(POURA_QR_READ)
  poura_find_dependency(JPEG::JPEG JPEG)
  poura_find_dependency(ZXing::ZXing ZXing)
endif()
if(POURA_OFFICE)
  poura_find_dependency(SQLite::SQLite3 SQLite3)
  poura_find_dependency(CURL::libcurl CURL)
  poura_find_pkg_config(PANGOCAIRO "pangocairo;cairo-pdf")
endif()
