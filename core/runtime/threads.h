#pragma once

namespace protext {

// Debian's LibTorch starts with one intra-op thread; every front end calls this once so
// matrix work uses all cores (PROTEXT_THREADS overrides the count).
// requested > 0 sets the count (the app's Preferences); the environment still wins. The
// count is also the process's ThreadBudget, shared by work that runs at once.
void configure_threads(int requested = 0);

}  // namespace protext
