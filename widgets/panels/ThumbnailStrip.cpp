#include "widgets/panels/ThumbnailStrip.h"

#include <QPainter>
#include <QScrollBar>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QWheelEvent>

#include "widgets/common/PanelAction.h"
#include "widgets/models/ImageListModel.h"
#include "widgets/panels/ImagesPanel.h"

namespace protext {
namespace {

constexpr int kThumb = ImageListModel::kThumbnailSize;
constexpr int kCellPadding = 6;

QIcon warningIcon() {
  static const QIcon icon = iconOr(QStringLiteral(":/icons/warning.svg"), QStyle::SP_MessageBoxWarning);
  return icon;
}

// One thumbnail cell: the picture centred in a square, the file name under it, a warning
// badge and red frame when the image failed, a small dot while it is being encoded.
class ThumbnailDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  // A round badge in the top-left corner: a tick when every method is right, "!" when some
  // are wrong, a cross when all are; without a true class, "≠" when the methods disagree.
  static void paintVerdict(QPainter* painter, const QRect& square, const QModelIndex& index) {
    const auto kind = static_cast<ImageVerdict::Kind>(index.data(ImageListModel::VerdictRole).toInt());
    const bool disagree = index.data(ImageListModel::DisagreeRole).toBool();
    QColor color;
    QString mark;
    switch (kind) {
      case ImageVerdict::AllRight: color = QColor(44, 160, 44); mark = QStringLiteral("✓"); break;
      case ImageVerdict::SomeWrong: color = QColor(230, 140, 20); mark = QStringLiteral("!"); break;
      case ImageVerdict::AllWrong: color = ThumbnailStrip::failedColor(); mark = QStringLiteral("✗"); break;
      case ImageVerdict::Unknown:
        if (!disagree) return;
        color = QColor(230, 140, 20);
        mark = QStringLiteral("≠");
        break;
    }
    const QRectF badge(square.left() + 3, square.top() + 3, 18, 18);
    painter->setPen(QPen(Qt::white, 1.5));
    painter->setBrush(color);
    painter->drawEllipse(badge);
    QFont font = painter->font();
    font.setBold(true);
    font.setPixelSize(12);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter, mark);
  }

  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const override {
    return ThumbnailStrip::cellSize(option.fontMetrics);
  }

  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = opt.state & QStyle::State_Selected;
    const QColor highlight = opt.palette.color(QPalette::Highlight);
    if (selected || (opt.state & QStyle::State_MouseOver)) {
      // A tinted card rather than a solid block, so the thumbnail keeps its colours.
      QColor fill = highlight;
      fill.setAlpha(selected ? 60 : 25);
      painter->setPen(selected ? QPen(highlight, 2) : Qt::NoPen);
      painter->setBrush(fill);
      painter->drawRoundedRect(QRectF(opt.rect).adjusted(1.5, 1.5, -1.5, -1.5), 5, 5);
    }
    const QRect square(opt.rect.left() + (opt.rect.width() - kThumb) / 2, opt.rect.top() + kCellPadding, kThumb,
                       kThumb);
    const QPixmap thumbnail = index.data(Qt::DecorationRole).value<QPixmap>();
    const auto state = static_cast<ImageListModel::State>(index.data(ImageListModel::StateRole).toInt());
    QRect picture = square;
    if (thumbnail.isNull()) {
      painter->setPen(Qt::NoPen);
      painter->setBrush(QColor(225, 225, 225));
      painter->drawRoundedRect(square.adjusted(8, 8, -8, -8), 4, 4);
    } else {
      const QSize size = thumbnail.deviceIndependentSize().toSize().scaled(square.size(), Qt::KeepAspectRatio);
      picture = QRect(QPoint(0, 0), size);
      picture.moveCenter(square.center());
      painter->drawPixmap(picture, thumbnail);
    }
    if (state == ImageListModel::State::Failed) {
      painter->setPen(QPen(ThumbnailStrip::failedColor(), 2));
      painter->setBrush(Qt::NoBrush);
      painter->drawRect(picture.adjusted(1, 1, -1, -1));
      const int badge = 22;
      warningIcon().paint(painter, QRect(picture.right() - badge - 2, picture.top() + 2, badge, badge));
    } else if (index.data(ImageListModel::JudgedRole).toBool()) {
      paintVerdict(painter, square, index);
    } else if (state == ImageListModel::State::Pending) {
      // A hollow grey dot: "not encoded yet", quiet enough for a folder of hundreds.
      const QRect dot(square.right() - 14, square.top() + 4, 10, 10);
      painter->setPen(QPen(QColor(255, 255, 255), 2));
      painter->setBrush(QColor(120, 120, 120));
      painter->drawEllipse(dot);
    }
    const QRect text(opt.rect.left() + 2, square.bottom() + 4, opt.rect.width() - 4, opt.fontMetrics.height());
    painter->setPen(opt.palette.color(QPalette::Text));
    QFont font = opt.font;
    font.setBold(selected);
    painter->setFont(font);
    painter->drawText(text, Qt::AlignHCenter | Qt::AlignVCenter,
                      opt.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideMiddle, text.width()));
    painter->restore();
  }
};

}  // namespace

ThumbnailStrip::ThumbnailStrip(QWidget* parent) : QListView(parent) { setItemDelegate(new ThumbnailDelegate(this)); }

QSize ThumbnailStrip::cellSize(const QFontMetrics& metrics) {
  return {kThumb + 2 * kCellPadding + 8, kThumb + 2 * kCellPadding + metrics.height() + 2};
}

QColor ThumbnailStrip::failedColor() { return QColor(200, 60, 50); }

void ThumbnailStrip::wheelEvent(QWheelEvent* event) {
  const QPoint delta = event->angleDelta();
  if (delta.x() == 0 && delta.y() != 0) {
    QScrollBar* bar = horizontalScrollBar();
    bar->setValue(bar->value() - delta.y() * bar->singleStep() / 40);
    event->accept();
    return;
  }
  QListView::wheelEvent(event);
}

void ThumbnailStrip::paintEvent(QPaintEvent* event) {
  QListView::paintEvent(event);
  if (model() && model()->rowCount() > 0) return;
  QPainter painter(viewport());
  painter.setPen(palette().color(QPalette::PlaceholderText));
  QFont font = painter.font();
  font.setPointSizeF(font.pointSizeF() * 1.15);
  painter.setFont(font);
  painter.drawText(viewport()->rect().adjusted(12, 8, -12, -8), Qt::AlignCenter | Qt::TextWordWrap,
                   ImagesPanel::tr("Drop images or folders here, paste an image (Ctrl+V), or use Add Images…"));
}

}  // namespace protext
