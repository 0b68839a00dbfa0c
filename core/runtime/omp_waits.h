#pragma once

namespace protext {

// How the process's OpenMP threads wait, the policy of both executables.
//
// Debian's LibTorch runs its intra-op work on libgomp, whose default is to spin (about
// 300,000 turns) before a waiting thread sleeps. Beside one other busy process those spins
// take the core another thread needs: a small element-wise op took 6.6 ms instead of
// 0.2 ms (issue 10), and a desktop always has other processes, the app itself trains and
// infers at once. Passive waiting costs a wake-up (microseconds) per parallel region.
//
// libgomp reads OMP_WAIT_POLICY once, when it is loaded, before main() runs, so a setenv()
// in main() is too late. ensure_passive_omp_waits() is the first thing both main()s do:
// when the environment names no policy it sets OMP_WAIT_POLICY=PASSIVE and executes the
// same program again with the same arguments (once: the variable is set the second time).
// A policy the user set is kept. If the re-execution fails, the program goes on as it is.
void ensure_passive_omp_waits(char** argv);

// The policy this process runs with: the environment's OMP_WAIT_POLICY, lower-cased, or
// "active" (libgomp's default) when unset.
const char* omp_wait_policy();

}  // namespace protext
