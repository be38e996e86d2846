# cn_warnings: the warning set every target links PRIVATE (cmake_template).
add_library(cn_warnings INTERFACE)
target_compile_options(cn_warnings INTERFACE
  -Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wcast-align -Wunused
  -Woverloaded-virtual -Wpedantic -Wnull-dereference -Wformat=2
  -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  target_compile_options(cn_warnings INTERFACE -Wthread-safety)
endif()
if(CN_WERROR)
  target_compile_options(cn_warnings INTERFACE -Werror)
endif()
