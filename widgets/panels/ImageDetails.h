#pragma once

#include <QImage>
#include <QThreadPool>
#include <QWidget>

class QLabel;

namespace protext {

// The images panel's left side: the selected image, decoded off the GUI thread and scaled to
// the space it has, its file name and size, and its true class when the folder names one.
class ImageDetails : public QWidget {
  Q_OBJECT

 public:
  explicit ImageDetails(QWidget* parent = nullptr);
  ~ImageDetails() override;

  // An empty path clears the details. classesKnown: there is a class list, so an image with
  // no true class is worth a remark.
  void showImage(const QString& path, const QSize& size, const QString& trueClass, bool classesKnown);

  QLabel* previewLabel() const { return preview_; }

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void loadPreview(const QString& path);
  void showPreview();

  QLabel* preview_;
  QLabel* file_name_;
  QLabel* true_class_;
  QImage preview_image_;
  QString preview_path_;
  QThreadPool preview_pool_;
};

}  // namespace protext
