#include "widgets/panels/ImageDetails.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMetaObject>
#include <QPixmap>
#include <QVBoxLayout>

#include "widgets/common/MethodStyle.h"
#include "widgets/models/ImageListModel.h"

namespace protext {
namespace {

constexpr int kPreviewSize = 1024;  // decoded preview bound; the label scales it down further

}  // namespace

ImageDetails::ImageDetails(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("imageDetails"));
  preview_pool_.setMaxThreadCount(1);
  preview_ = new QLabel(this);
  preview_->setObjectName(QStringLiteral("imagePreview"));
  preview_->setAlignment(Qt::AlignCenter);
  preview_->setMinimumSize(120, 120);
  preview_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
  file_name_ = new QLabel(this);
  file_name_->setObjectName(QStringLiteral("imageFileName"));
  file_name_->setTextFormat(Qt::PlainText);
  file_name_->setAlignment(Qt::AlignHCenter);
  file_name_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont bold = file_name_->font();
  bold.setBold(true);
  file_name_->setFont(bold);
  true_class_ = new QLabel(this);
  true_class_->setObjectName(QStringLiteral("imageTrueClass"));
  true_class_->setAlignment(Qt::AlignHCenter);
  true_class_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(preview_, 1);
  layout->addWidget(file_name_);
  layout->addWidget(true_class_);
}

ImageDetails::~ImageDetails() {
  preview_pool_.clear();
  preview_pool_.waitForDone();
}

void ImageDetails::showImage(const QString& path, const QSize& size, const QString& trueClass, bool classesKnown) {
  loadPreview(path);
  if (path.isEmpty()) {
    file_name_->clear();
    true_class_->clear();
    file_name_->setToolTip({});
    return;
  }
  const QFileInfo info(path);
  file_name_->setText(info.fileName());
  file_name_->setToolTip(QDir::toNativeSeparators(path));
  QString pixels;
  const QLocale locale;
  if (size.isValid()) pixels = tr("%1 × %2 pixels").arg(locale.toString(size.width()), locale.toString(size.height()));
  QString truth;
  if (!trueClass.isEmpty()) {
    truth = tr("True class: <span style='color:%1; font-weight:600'>%2</span>")
                .arg(MethodStyle::trueClassColor().name(), trueClass.toHtmlEscaped());
  } else if (classesKnown) {
    truth = tr("<span style='color:#808080'>Neither the folder “%1” nor the file name names a class</span>")
                .arg(info.absoluteDir().dirName().toHtmlEscaped());
  }
  QStringList lines;
  if (!truth.isEmpty()) lines << truth;
  if (!pixels.isEmpty()) lines << QStringLiteral("<span style='color:#808080'>%1</span>").arg(pixels);
  true_class_->setText(lines.join(QStringLiteral("<br>")));
}

void ImageDetails::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  showPreview();
}

void ImageDetails::loadPreview(const QString& path) {
  if (path == preview_path_) return;
  preview_path_ = path;
  preview_image_ = QImage();
  preview_->clear();
  if (path.isEmpty()) return;
  // Decoding a 50-megapixel photo takes a while; the GUI thread only scales the result.
  preview_pool_.start([this, path] {
    const QImage image = ImageListModel::loadScaled(path, QSize(kPreviewSize, kPreviewSize));
    QMetaObject::invokeMethod(
        this,
        [this, path, image] {
          if (path != preview_path_) return;
          preview_image_ = image;
          if (image.isNull()) preview_->setText(tr("No preview"));
          showPreview();
        },
        Qt::QueuedConnection);
  });
}

void ImageDetails::showPreview() {
  if (preview_image_.isNull()) {
    if (preview_path_.isEmpty()) preview_->clear();
    return;  // still decoding, or the reason it failed is shown
  }
  // Small images are enlarged up to 4×: a 64-pixel render is worth seeing, a blur is not.
  const QSize target = preview_->size().boundedTo(preview_image_.size() * 4);
  preview_->setPixmap(QPixmap::fromImage(
      preview_image_.scaled(target.expandedTo(QSize(1, 1)), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

}  // namespace protext
