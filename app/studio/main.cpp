#include <QApplication>

#include "widgets/MainWindow.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("ProText Studio");
  QApplication::setOrganizationName("ProText");
  protext::MainWindow window;
  window.resize(960, 640);
  window.show();
  return QApplication::exec();
}
