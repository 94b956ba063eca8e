// Compiled with the pipeline module's include folder: pipeline declares trust,
// so trust's private header is there.
#include "trust/trust_impl.hpp"
