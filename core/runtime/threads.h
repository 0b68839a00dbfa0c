#pragma once

namespace protext {

// Debian's LibTorch starts with one intra-op thread; every front end calls this once so
// matrix work uses all cores (PROTEXT_THREADS overrides the count).
void configure_threads();

}  // namespace protext
