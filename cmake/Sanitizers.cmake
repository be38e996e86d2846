# cn_sanitizers: -fsanitize=<CN_SANITIZE> on every target that links it.
add_library(cn_sanitizers INTERFACE)
if(CN_SANITIZE)
  target_compile_options(cn_sanitizers INTERFACE
    -fsanitize=${CN_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(cn_sanitizers INTERFACE -fsanitize=${CN_SANITIZE})
endif()
