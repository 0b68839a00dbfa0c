// The GUI suites: widgets need a QApplication (offscreen under CTest).
#include <QApplication>

#include "core/runtime/omp_waits.h"
#include "support/suite.h"

int main(int argc, char** argv) {
  protext::ensure_passive_omp_waits(argv);  // as the executables under test
  QApplication app(argc, argv);
  return protext::test::run_suites(argc, argv);
}
