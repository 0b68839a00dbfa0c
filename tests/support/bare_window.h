#pragma once
#include <memory>

#include "widgets/window/MainWindow.h"

namespace protext::test {

// The studio's main window as the window suites drive it: no message boxes (errors go to
// errorShown), and no embedded model opened at start unless asked. Call
// use_private_settings() first.
inline std::unique_ptr<MainWindow> bare_window(bool openEmbeddedModel = false) {
  MainWindow::Options options;
  options.interactive = false;
  options.openEmbeddedModel = openEmbeddedModel;
  return std::make_unique<MainWindow>(options);
}

}  // namespace protext::test
