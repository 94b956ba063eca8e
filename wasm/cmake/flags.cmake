# The compile and link flags of every WebAssembly object, Poura's and the
# third-party libraries' alike (wasm/CMakeLists.txt and wasm/deps/). A change
# here changes the key under which wasm/build.sh caches the built libraries.
if(NOT EMSCRIPTEN)
  message(FATAL_ERROR "configure this folder with emcmake (see wasm/build.sh)")
endif()

set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
# WebAssembly exception handling: smaller and faster than Emscripten's
# JavaScript-based emulation; every object must be built the same way.
add_compile_options(-fwasm-exceptions)
add_link_options(-fwasm-exceptions)
# -Oz, with inlining: Emscripten's -Os and -Oz also turn inlining off
# (INLINING_LIMIT), which leaves one-line accessors (std::string's, Ed25519's
# field elements) as calls: verification then takes twice as long, and the
# code is not smaller.
add_compile_options(-Oz -sINLINING_LIMIT=0)
# libc++ declares std::string's members as instantiated in its own library
# (extern templates), and Emscripten's copy of that library keeps even
# size() and push_back() as calls. Instantiated here instead, they inline
# into Poura's code: verification spends about a tenth less time on strings
# (building the result's JSON text, for one, takes half as long), and the
# package is no larger.
add_compile_definitions(_LIBCPP_DISABLE_EXTERN_TEMPLATE)
