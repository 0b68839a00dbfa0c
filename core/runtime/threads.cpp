#include "core/runtime/threads.h"

#include "core/runtime/thread_budget.h"

#include <ATen/Parallel.h>

#include <cstdlib>
#include <thread>

namespace protext {

void configure_threads(int requested) {
  int threads = requested > 0 ? requested : static_cast<int>(std::thread::hardware_concurrency());
  if (const char* env = std::getenv("PROTEXT_THREADS")) threads = std::atoi(env);
  if (threads < 1) threads = 1;
  at::set_num_threads(threads);
  ThreadBudget::process().set_total(threads);
}

}  // namespace protext
