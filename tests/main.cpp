// The core suites: no widgets, so a QCoreApplication.
#include <QCoreApplication>

#include "core/runtime/omp_waits.h"
#include "support/suite.h"

int main(int argc, char** argv) {
  protext::ensure_passive_omp_waits(argv);  // as the executables under test
  QCoreApplication app(argc, argv);
  return protext::test::run_suites(argc, argv);
}
