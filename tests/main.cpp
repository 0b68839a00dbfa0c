// The core suites: no widgets, so a QCoreApplication.
#include <QCoreApplication>

#include "support/suite.h"

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  return protext::test::run_suites(argc, argv);
}
