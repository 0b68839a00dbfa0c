#pragma once
#include <QDialog>

class QTableWidget;

namespace protext {

// Help → Keyboard Shortcuts: every action of `window` that has a shortcut, read from the
// actions themselves, so the list cannot drift from what the keys do.
class ShortcutsDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ShortcutsDialog(QWidget* window);
  QTableWidget* table() const { return table_; }

 private:
  QTableWidget* table_;
};

// Help → Quick Guide: what the four methods are, how to train, how to read the charts.
class QuickGuideDialog : public QDialog {
  Q_OBJECT
 public:
  explicit QuickGuideDialog(QWidget* parent = nullptr);
  static QString guideHtml();
};

}  // namespace protext
