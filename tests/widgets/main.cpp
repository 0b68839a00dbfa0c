// The GUI suites: widgets need a QApplication (offscreen under CTest).
#include <QApplication>

#include "core/runtime/omp_waits.h"
#include "support/suite.h"
#include "widgets/common/Translations.h"

int main(int argc, char** argv) {
  protext::ensure_passive_omp_waits(argv);  // as the executables under test
  QApplication app(argc, argv);
  protext::Translations::install(&app, "en");  // as the studio does: English plurals ("1 class")
  return protext::test::run_suites(argc, argv);
}
