#pragma once

#include <QPlainTextEdit>

namespace protext {

// A plain text editor that numbers its non-empty lines in a gutter, so that a description
// wrapped over several screen lines still reads as one description.
class NumberedTextEdit : public QPlainTextEdit {
 public:
  explicit NumberedTextEdit(QWidget* parent = nullptr);

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  class Gutter;

  int gutterWidth() const;
  void updateGutterWidth();
  void paintGutter(const QRect& rect);

  Gutter* gutter_;
};

}  // namespace protext
