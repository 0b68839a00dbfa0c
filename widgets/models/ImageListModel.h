#pragma once
#include <QAbstractListModel>
#include <QHash>
#include <QImage>
#include <QPixmap>
#include <QSize>
#include <QStringList>
#include <QThreadPool>
#include <QVector>

#include "widgets/common/ImageVerdict.h"

namespace protext {

// The images dropped into the Images panel, one row each: where it is, a small thumbnail,
// whether the model has encoded it, its embedding, and the class its folder names.
// Thumbnails are decoded on a thread pool the first time a view asks for one, so a folder
// of thousands of photos never stalls the GUI; only image headers are read here.
class ImageListModel : public QAbstractListModel {
  Q_OBJECT

 public:
  enum class State { Pending, Encoded, Failed };
  Q_ENUM(State)

  enum Role {
    PathRole = Qt::UserRole + 1,
    StateRole,         // State as int
    StateMessageRole,  // why it failed
    TrueClassRole,     // empty when the folder names no class
    EmbeddingRole,     // QVector<float>, empty until encoded
    ThumbnailReadyRole,
    VerdictRole,     // ImageVerdict::Kind as int
    JudgedRole,      // bool: the verdict is current
    DisagreeRole,    // bool
    ConfidenceRole,  // double, -1 until judged
    WrongByRole,     // QStringList: ids of the methods that get it wrong
  };

  struct Image {
    QString path;
    State state = State::Pending;
    QString message;
    QVector<float> embedding;
    QString trueClass;
    QPixmap thumbnail;
    QSize size;  // in pixels, from the header; invalid when unreadable
    ImageVerdict verdict;
    mutable bool thumbnailRequested = false;  // set by the const data() that asks for it
  };

  static constexpr int kThumbnailSize = 96;
  // Larger images are refused before anything decodes them.
  static constexpr qint64 kMaxPixels = 100'000'000;

  explicit ImageListModel(QObject* parent = nullptr);
  ~ImageListModel() override;

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;
  bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

  // Adds image files and, recursively, the images inside folders, after the existing rows.
  // Paths already in the list are skipped. Returns what was refused: files that are not
  // images, folders without images, paths that do not exist. `added` receives the new
  // paths in row order; those too large or unreadable are added already Failed.
  QStringList addPaths(const QStringList& paths, QStringList* added = nullptr);
  bool removePaths(const QStringList& paths);
  void clear();

  int indexOf(const QString& path) const;
  bool contains(const QString& path) const { return indexOf(path) >= 0; }
  const Image& image(int row) const { return images_.at(row); }
  QStringList paths() const;
  // Paths still waiting for an embedding (not Failed).
  QStringList pendingPaths() const;

  // Results from the model service; unknown paths are ignored (the image was removed).
  bool setEmbedding(const QString& path, const QVector<float>& embedding);
  bool setFailed(const QString& path, const QString& message);
  // Back to Pending, e.g. after another model was opened. Images that failed because of
  // their size or format stay Failed.
  QStringList resetEncodings();

  void setClasses(const QStringList& classes);
  // The methods' verdict on the image in `row` (the images panel judges them); a new model,
  // class list or embedding makes every verdict stale until it is set again.
  void setVerdict(int row, const ImageVerdict& verdict);
  void clearVerdicts();
  QStringList classes() const { return classes_; }

  // "png jpg jpeg bmp webp tif tiff"
  static QStringList imageSuffixes();
  static bool isImageFile(const QString& path);
  // The class of `classes` named by the image's parent folder, or else by a file name of the
  // form <class>__<n>.png: case-insensitive, '_' read as ' '. Returns the class as spelled
  // in `classes`, or an empty string.
  static QString trueClassFor(const QString& path, const QStringList& classes);
  static QString trueClassFor(const QString& path, const QHash<QString, QString>& classesByKey);
  static QHash<QString, QString> classesByKey(const QStringList& classes);
  // Decodes `path` scaled to fit `bound`, refusing images over kMaxPixels. Thread-safe.
  static QImage loadScaled(const QString& path, const QSize& bound, QString* error = nullptr);
  // Why an image cannot be used, from its header alone; empty when it can.
  static QString headerProblem(const QString& path, QSize* size = nullptr);

  // For tests: waits until every requested thumbnail has been decoded and delivered.
  bool waitForThumbnails(int timeoutMs = 5000);

 signals:
  void thumbnailReady(const QString& path);
  void stateChanged(const QString& path);

 private:
  void requestThumbnail(int row) const;
  void deliverThumbnail(const QString& path, const QImage& image);
  void rowChanged(int row, const QVector<int>& roles);
  void rebuildIndex();

  QVector<Image> images_;
  QHash<QString, int> rows_;  // path → row
  QStringList classes_;
  QHash<QString, QString> classKeys_;  // ClassFiles::matchKey → name
  mutable QThreadPool pool_;
  mutable int thumbnails_in_flight_ = 0;
};

}  // namespace protext
