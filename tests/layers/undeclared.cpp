// Compiled with the codec module's include folder: codec sits below trust and
// does not declare it, so this include must not be found.
#include "trust/trust_impl.hpp"
