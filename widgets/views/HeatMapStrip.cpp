#include "widgets/views/HeatMapStrip.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

#include "core/image/heat_overlay.h"
#include "widgets/common/MethodStyle.h"
#include "widgets/common/RgbImages.h"

namespace protext {
namespace {

constexpr int kGap = 8;

}  // namespace

HeatMapStrip::HeatMapStrip(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("heatMapStrip"));
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void HeatMapStrip::setExplanation(const ImageExplanation& explanation) {
  explanation_ = explanation;
  message_.clear();
  renderOverlays();
  update();
}

void HeatMapStrip::setMessage(const QString& message) {
  explanation_ = {};
  overlays_.clear();
  message_ = message;
  update();
}

void HeatMapStrip::setOpacity(double opacity) {
  opacity_ = std::clamp(opacity, 0.0, 1.0);
  renderOverlays();
  update();
}

QString HeatMapStrip::tileTitle(int tile) const {
  const MethodHeat& m = explanation_.methods.value(tile);
  return tr("%1: %2 (%3%)").arg(MethodStyle::label(m.method), m.label).arg(100 * m.probability, 0, 'f', 1);
}

QStringList HeatMapStrip::descriptionLines(int tile) const {
  QStringList lines;
  const MethodHeat& m = explanation_.methods.value(tile);
  for (int i = 0; i < m.descriptions.size() && i < kDescriptionLines; ++i)
    lines << QStringLiteral("%1  %2").arg(m.descriptionCosines[i], 0, 'f', 2).arg(m.descriptions[i]);
  return lines;
}

QRect HeatMapStrip::tileRect(int tile) const {
  const int n = std::max(1, tileCount());
  const int width = (this->width() - (n - 1) * kGap) / n;
  return QRect(tile * (width + kGap), 0, width, height());
}

QRect HeatMapStrip::imageRect(int tile) const {
  const QRect box = tileRect(tile);
  const int title = fontMetrics().height() + 4;
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  const int below = QFontMetrics(small).height() * kDescriptionLines + 4;
  const int side = std::max(16, std::min(box.width(), box.height() - title - below));
  return QRect(box.x() + (box.width() - side) / 2, title, side, side);
}

QImage HeatMapStrip::overlay(int tile) const { return overlays_.value(tile); }

void HeatMapStrip::renderOverlays() {
  overlays_.clear();
  if (explanation_.seen.isNull()) return;
  for (int i = 0; i < tileCount(); ++i) {
    const MethodHeat& m = explanation_.methods[i];
    const int side = imageRect(i).width();
    const QImage base = explanation_.seen.scaled(side, side, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    HeatMap map;
    map.rows = m.rows;
    map.cols = m.cols;
    map.values.assign(m.heat.begin(), m.heat.end());
    overlays_ << to_qimage(heat_overlay(to_rgb_image(base), map, opacity_));
  }
}

QSize HeatMapStrip::sizeHint() const {
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  return {600, fontMetrics().height() + 4 + 150 + QFontMetrics(small).height() * kDescriptionLines + 4};
}

// Small enough that the window still fits a laptop screen; the tiles shrink to thumbnails.
QSize HeatMapStrip::minimumSizeHint() const { return {200, fontMetrics().height() + 40}; }

void HeatMapStrip::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  renderOverlays();
}

void HeatMapStrip::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  if (tileCount() == 0) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, message_);
    return;
  }
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  for (int i = 0; i < tileCount(); ++i) {
    const QRect box = tileRect(i);
    const QRect image = imageRect(i);
    const MethodHeat& m = explanation_.methods[i];
    painter.fillRect(QRect(box.x(), 3, 9, 9), MethodStyle::color(m.method));
    painter.setPen(palette().color(QPalette::WindowText));
    painter.setFont(font());
    const QRect titleRect(box.x() + 13, 0, box.width() - 13, fontMetrics().height());
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                     fontMetrics().elidedText(tileTitle(i), Qt::ElideRight, titleRect.width()));
    if (i < overlays_.size()) painter.drawImage(image.topLeft(), overlays_[i]);
    painter.setFont(small);
    const QFontMetrics fm(small);
    int y = image.bottom() + 4;
    for (const QString& line : descriptionLines(i)) {
      painter.drawText(QRect(box.x(), y, box.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                       fm.elidedText(line, Qt::ElideRight, box.width()));
      y += fm.height();
    }
  }
}

bool HeatMapStrip::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    const auto* help = static_cast<QHelpEvent*>(event);
    for (int i = 0; i < tileCount(); ++i) {
      if (!tileRect(i).contains(help->pos())) continue;
      QString tip = tileTitle(i);
      const MethodHeat& m = explanation_.methods[i];
      if (!m.descriptions.isEmpty()) tip += QLatin1Char('\n') + tr("Its descriptions, by how well the image matches them:");
      for (int d = 0; d < m.descriptions.size(); ++d)
        tip += QStringLiteral("\n%1  %2").arg(m.descriptionCosines[d], 0, 'f', 3).arg(m.descriptions[d]);
      if (m.descriptions.isEmpty()) tip += QLatin1Char('\n') + tr("Red: the patches that raise this class's score most.");
      QToolTip::showText(help->globalPos(), tip, this);
      return true;
    }
    QToolTip::hideText();
    event->ignore();
    return true;
  }
  return QWidget::event(event);
}

}  // namespace protext
