#pragma once
#include <atomic>
#include <cstdint>
#include <mutex>

namespace protext {

// One budget of compute threads for the whole process (issue 10).
//
// The policy: LibTorch's OpenMP thread count belongs to the calling thread, so every piece
// of compute (a text or image batch, a training run) holds a Lease and runs on its share
// of the budget: all of it alone, an even split while several run at once. The app trains
// and classifies at the same time; without the split each would start one thread per core
// and the two would fight over the cores. A lease may also cap its share: small work (a few
// short texts on a narrow model) finishes sooner on one thread than it takes to wake a
// second. Threads wait passively (omp_waits.h), so a share left idle costs nothing.
class ThreadBudget {
 public:
  static ThreadBudget& process();

  void set_total(int threads);  // configure_threads(); at least 1
  int total() const { return total_.load(); }
  int holders() const;          // leases held now, one per thread

  // Holds a share of the budget on the calling thread until destroyed, then gives the
  // thread back the count it had. A lease taken on a thread that already holds one runs
  // inside the outer share (capped by at_most) and is not counted twice.
  class Lease {
   public:
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    int threads() const { return threads_; }
    // Takes up a share that changed since (work started or finished elsewhere); long work
    // such as training calls it between steps.
    void refresh();

   private:
    friend class ThreadBudget;
    Lease(ThreadBudget& budget, int at_most);
    void apply();
    ThreadBudget& budget_;
    const int at_most_;
    const bool counted_;
    Lease* const outer_;
    int previous_, threads_ = 0;
    uint64_t seen_generation_ = 0;
  };
  // at_most <= 0: no cap.
  Lease lease(int at_most = 0) { return Lease(*this, at_most); }

 private:
  int share_for(int at_most) const;

  std::atomic<int> total_{1};
  std::atomic<int> holders_{0};
  std::atomic<uint64_t> generation_{0};
};

// The thread cap for a batch whose matrix products each take `macs_per_product`
// multiply-adds: 1 below about a million, where waking a second thread costs more than it
// saves; 0 (no cap) above.
int threads_worth(double macs_per_product);

}  // namespace protext
