// The GUI suites: widgets need a QApplication (offscreen under CTest).
#include <QApplication>

#include "support/suite.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  return protext::test::run_suites(argc, argv);
}
