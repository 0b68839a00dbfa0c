#include "widgets/panels/NumberedTextEdit.h"

#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>

namespace protext {

class NumberedTextEdit::Gutter : public QWidget {
 public:
  explicit Gutter(NumberedTextEdit* edit) : QWidget(edit), edit_(edit) {}
  QSize sizeHint() const override { return {edit_->gutterWidth(), 0}; }

 protected:
  void paintEvent(QPaintEvent* event) override { edit_->paintGutter(event->rect()); }

 private:
  NumberedTextEdit* edit_;
};

NumberedTextEdit::NumberedTextEdit(QWidget* parent) : QPlainTextEdit(parent), gutter_(new Gutter(this)) {
  connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { updateGutterWidth(); });
  connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect& rect, int dy) {
    if (dy != 0) {
      gutter_->scroll(0, dy);
    } else {
      gutter_->update(0, rect.y(), gutter_->width(), rect.height());
    }
  });
  updateGutterWidth();
}

void NumberedTextEdit::resizeEvent(QResizeEvent* event) {
  QPlainTextEdit::resizeEvent(event);
  const QRect area = contentsRect();
  gutter_->setGeometry(area.left(), area.top(), gutterWidth(), area.height());
}

int NumberedTextEdit::gutterWidth() const {
  const int digits = QString::number(qMax(1, blockCount())).size();
  return 8 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * qMax(2, digits);
}

void NumberedTextEdit::updateGutterWidth() { setViewportMargins(gutterWidth(), 0, 0, 0); }

void NumberedTextEdit::paintGutter(const QRect& rect) {
  QPainter painter(gutter_);
  painter.fillRect(rect, palette().color(QPalette::Window));
  // Empty lines are dropped when applied, so they get no number.
  QTextBlock block = firstVisibleBlock();
  int number = 0;
  for (QTextBlock b = document()->firstBlock(); b.isValid() && b != block; b = b.next()) {
    number += b.text().trimmed().isEmpty() ? 0 : 1;
  }
  int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
  painter.setPen(palette().color(QPalette::PlaceholderText));
  while (block.isValid() && top <= rect.bottom()) {
    const int height = qRound(blockBoundingRect(block).height());
    if (!block.text().trimmed().isEmpty()) {
      ++number;
      if (block.isVisible() && top + height >= rect.top()) {
        painter.drawText(0, top, gutter_->width() - 4, fontMetrics().height(), Qt::AlignRight,
                         QString::number(number));
      }
    }
    top += height;
    block = block.next();
  }
}

}  // namespace protext
