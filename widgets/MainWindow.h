#pragma once
#include <QMainWindow>

namespace protext {

// The studio's main window. For now it only says what is coming; the panels arrive with
// the desktop-app issue.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace protext
