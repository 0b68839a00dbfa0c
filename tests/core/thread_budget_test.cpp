// One thread budget for the process (issue 10): work alone runs on every thread of the
// budget, two pieces of work at once split it, a nested lease does not count twice, small
// work is capped, and a thread gets its own count back when its lease ends. The counts are
// LibTorch's own (at::get_num_threads on the working thread), not the budget's bookkeeping.
#include <QTest>

#include <ATen/Parallel.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/runtime/thread_budget.h"
#include "support/suite.h"

using protext::ThreadBudget;

class ThreadBudgetTest : public QObject {
  Q_OBJECT
  ThreadBudget budget_;
  int saved_ = 1;

 private slots:
  void init() {
    saved_ = at::get_num_threads();
    budget_.set_total(4);
  }
  void cleanup() { at::set_num_threads(saved_); }

  void workAloneRunsOnTheWholeBudget() {
    {
      auto lease = budget_.lease();
      QCOMPARE(lease.threads(), 4);
      QCOMPARE(at::get_num_threads(), 4);
      QCOMPARE(budget_.holders(), 1);
    }
    QCOMPARE(budget_.holders(), 0);
    QCOMPARE(at::get_num_threads(), saved_);  // given back
  }

  void twoPiecesOfWorkAtOnceSplitTheBudgetAndTheSurvivorTakesItBack() {
    auto training = budget_.lease();
    QCOMPARE(training.threads(), 4);
    std::mutex m;
    std::condition_variable cv;
    bool started = false, release = false;
    int inference_threads = 0, inference_torch = 0;
    std::thread inference([&] {
      auto lease = budget_.lease();
      inference_threads = lease.threads();
      inference_torch = at::get_num_threads();
      std::unique_lock<std::mutex> lock(m);
      started = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });
    });
    {
      std::unique_lock<std::mutex> lock(m);
      cv.wait(lock, [&] { return started; });
    }
    QCOMPARE(inference_threads, 2);
    QCOMPARE(inference_torch, 2);
    training.refresh();  // between two training steps
    QCOMPARE(training.threads(), 2);
    QCOMPARE(at::get_num_threads(), 2);
    {
      std::lock_guard<std::mutex> lock(m);
      release = true;
    }
    cv.notify_all();
    inference.join();
    training.refresh();
    QCOMPARE(training.threads(), 4);
    QCOMPARE(at::get_num_threads(), 4);
  }

  void aNestedLeaseRunsInsideTheOuterShareAndIsNotCountedTwice() {
    auto outer = budget_.lease();
    {
      auto inner = budget_.lease();
      QCOMPARE(budget_.holders(), 1);
      QCOMPARE(inner.threads(), 4);
      auto small = budget_.lease(protext::threads_worth(1e5));
      QCOMPARE(small.threads(), 1);
      QCOMPARE(at::get_num_threads(), 1);
    }
    QCOMPARE(at::get_num_threads(), 4);  // the outer share again
  }

  void smallWorkIsCappedAtOneThreadLargeWorkIsNot() {
    QCOMPARE(protext::threads_worth(1.0 * 8 * 128 * 128), 1);  // one short text, width 128
    QCOMPARE(protext::threads_worth(8.0 * 14 * 128 * 128), 0);  // eight of them
    QCOMPARE(protext::threads_worth(1.0 * 8 * 512 * 512), 0);  // one on ViT-B/16's text width
    auto small = budget_.lease(1);
    QCOMPARE(small.threads(), 1);
  }

  void theTotalIsNeverBelowOne() {
    budget_.set_total(0);
    QCOMPARE(budget_.total(), 1);
    auto lease = budget_.lease();
    QCOMPARE(lease.threads(), 1);
  }
};

PROTEXT_TEST_SUITE(ThreadBudgetTest)
#include "thread_budget_test.moc"
