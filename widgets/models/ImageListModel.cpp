#include "widgets/models/ImageListModel.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QImageReader>
#include <QLocale>
#include <QRunnable>
#include <QSet>
#include <algorithm>

#include "widgets/common/ClassFiles.h"

namespace protext {
namespace {

QString normalisedPath(const QString& path) { return QDir::cleanPath(QFileInfo(path).absoluteFilePath()); }

// Runs of digits compare by value ("img2" before "img10"), the rest case-insensitively.
// QCollator's numeric mode would do, but not under the C locale tests and servers run in.
bool naturalLess(const QString& a, const QString& b) {
  int i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].isDigit() && b[j].isDigit()) {
      int ei = i, ej = j;
      while (ei < a.size() && a[ei].isDigit()) ++ei;
      while (ej < b.size() && b[ej].isDigit()) ++ej;
      const QStringView da = QStringView(a).mid(i, ei - i), db = QStringView(b).mid(j, ej - j);
      // Equal values with different zero padding fall through to the next chunk.
      const auto trimmed = [](QStringView d) {
        while (d.size() > 1 && d.front() == QLatin1Char('0')) d = d.mid(1);
        return d;
      };
      const QStringView ta = trimmed(da), tb = trimmed(db);
      if (ta.size() != tb.size()) return ta.size() < tb.size();
      const int c = ta.compare(tb);
      if (c != 0) return c < 0;
      i = ei;
      j = ej;
      continue;
    }
    const QChar ca = a[i].toCaseFolded(), cb = b[j].toCaseFolded();
    if (ca != cb) return ca < cb;
    ++i;
    ++j;
  }
  if ((a.size() - i) != (b.size() - j)) return (a.size() - i) < (b.size() - j);
  return a < b;
}

void sortNaturally(QStringList& paths) { std::sort(paths.begin(), paths.end(), naturalLess); }

QStringList imagesUnder(const QString& folder) {
  QStringList found;
  // No symlink following: a link to an ancestor would never end.
  QDirIterator it(folder, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString path = it.next();
    if (ImageListModel::isImageFile(path)) found << normalisedPath(path);
  }
  sortNaturally(found);
  return found;
}

}  // namespace

ImageListModel::ImageListModel(QObject* parent) : QAbstractListModel(parent) {
  // Two decoders keep thumbnails coming without starving the encoder thread.
  pool_.setMaxThreadCount(2);
}

ImageListModel::~ImageListModel() {
  pool_.clear();
  pool_.waitForDone();
}

int ImageListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : images_.size(); }

QVariant ImageListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= images_.size()) return {};
  const Image& image = images_[index.row()];
  switch (role) {
    case Qt::DisplayRole:
      return QFileInfo(image.path).fileName();
    case Qt::DecorationRole:
      if (image.thumbnail.isNull()) {
        requestThumbnail(index.row());
        return {};
      }
      return image.thumbnail;
    case Qt::ToolTipRole: {
      QString tip = QDir::toNativeSeparators(image.path);
      if (image.size.isValid())
        tip += QLatin1Char('\n') + tr("%1 × %2 pixels").arg(image.size.width()).arg(image.size.height());
      if (!image.trueClass.isEmpty()) tip += QLatin1Char('\n') + tr("True class: %1").arg(image.trueClass);
      if (image.state == State::Pending) tip += QLatin1Char('\n') + tr("Encoding…");
      if (image.state == State::Failed) tip += QLatin1Char('\n') + tr("Failed: %1").arg(image.message);
      if (image.verdict.judged) {
        switch (image.verdict.kind) {
          case ImageVerdict::AllRight: tip += QLatin1Char('\n') + tr("Every method picks the true class"); break;
          case ImageVerdict::SomeWrong: tip += QLatin1Char('\n') + tr("Some methods miss the true class"); break;
          case ImageVerdict::AllWrong: tip += QLatin1Char('\n') + tr("Every method misses the true class"); break;
          case ImageVerdict::Unknown: break;
        }
        if (image.verdict.disagree) tip += QLatin1Char('\n') + tr("The methods disagree");
      }
      return tip;
    }
    case PathRole:
      return image.path;
    case StateRole:
      return static_cast<int>(image.state);
    case StateMessageRole:
      return image.message;
    case TrueClassRole:
      return image.trueClass;
    case EmbeddingRole:
      return QVariant::fromValue(image.embedding);
    case ThumbnailReadyRole:
      return !image.thumbnail.isNull();
    case VerdictRole:
      return static_cast<int>(image.verdict.kind);
    case JudgedRole:
      return image.verdict.judged;
    case DisagreeRole:
      return image.verdict.disagree;
    case ConfidenceRole:
      return image.verdict.confidence;
    case WrongByRole:
      return image.verdict.wrongBy;
    default:
      return {};
  }
}

QHash<int, QByteArray> ImageListModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractListModel::roleNames();
  names[PathRole] = "path";
  names[StateRole] = "state";
  names[StateMessageRole] = "stateMessage";
  names[TrueClassRole] = "trueClass";
  names[EmbeddingRole] = "embedding";
  names[ThumbnailReadyRole] = "thumbnailReady";
  return names;
}

bool ImageListModel::removeRows(int row, int count, const QModelIndex& parent) {
  if (parent.isValid() || row < 0 || count <= 0 || row + count > images_.size()) return false;
  beginRemoveRows({}, row, row + count - 1);
  images_.remove(row, count);
  rebuildIndex();
  endRemoveRows();
  return true;
}

QStringList ImageListModel::imageSuffixes() {
  return {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("bmp"),
          QStringLiteral("webp"), QStringLiteral("tif"), QStringLiteral("tiff")};
}

bool ImageListModel::isImageFile(const QString& path) {
  static const QStringList suffixes = imageSuffixes();
  return suffixes.contains(QFileInfo(path).suffix(), Qt::CaseInsensitive);
}

QHash<QString, QString> ImageListModel::classesByKey(const QStringList& classes) {
  QHash<QString, QString> byKey;
  for (const QString& name : classes) {
    const QString key = ClassFiles::matchKey(name);
    if (!byKey.contains(key)) byKey.insert(key, name);  // the first, as the core keeps it
  }
  return byKey;
}

QString ImageListModel::trueClassFor(const QString& path, const QStringList& classes) {
  return trueClassFor(path, classesByKey(classes));
}

QString ImageListModel::trueClassFor(const QString& path, const QHash<QString, QString>& byKey) {
  // A class-named folder, else a file named <class>__<n> (how the examples are named),
  // matched by the core's class_key, as protext eval matches folders.
  const QFileInfo info(path);
  const QString stem = info.completeBaseName();
  const int cut = stem.lastIndexOf(QStringLiteral("__"));
  for (const QString& candidate : {info.absoluteDir().dirName(), cut > 0 ? stem.left(cut) : QString()}) {
    if (candidate.isEmpty()) continue;
    const auto it = byKey.find(ClassFiles::matchKey(candidate));
    if (it != byKey.end()) return it.value();
  }
  return {};
}

QString ImageListModel::headerProblem(const QString& path, QSize* size) {
  QImageReader reader(path);
  const QSize found = reader.size();
  if (size) *size = found;
  if (!found.isValid()) {
    if (!reader.canRead()) return tr("Not a readable image: %1").arg(reader.errorString());
    return {};  // some formats only know their size once decoded
  }
  const qint64 pixels = qint64(found.width()) * found.height();
  if (pixels > kMaxPixels) {
    const QLocale locale;
    return tr("%1 × %2 pixels (%3 megapixels) is more than the %4 megapixels an image may have.")
        .arg(locale.toString(found.width()), locale.toString(found.height()),
             locale.toString(double(pixels) / 1e6, 'f', 0), locale.toString(kMaxPixels / 1'000'000));
  }
  return {};
}

QImage ImageListModel::loadScaled(const QString& path, const QSize& bound, QString* error) {
  QSize size;
  const QString problem = headerProblem(path, &size);
  if (!problem.isEmpty()) {
    if (error) *error = problem;
    return {};
  }
  QImageReader reader(path);
  reader.setAutoTransform(true);
  // JPEG decodes straight to a reduced size; other formats decode, then scale.
  if (size.isValid() && (size.width() > bound.width() || size.height() > bound.height()))
    reader.setScaledSize(size.scaled(bound, Qt::KeepAspectRatio));
  QImage image = reader.read();
  if (image.isNull()) {
    if (error) *error = reader.errorString();
    return {};
  }
  if (image.width() > bound.width() || image.height() > bound.height())
    image = image.scaled(bound, Qt::KeepAspectRatio, Qt::SmoothTransformation);
  return image;
}

QStringList ImageListModel::addPaths(const QStringList& paths, QStringList* added) {
  QStringList rejected;
  QStringList fresh;
  QSet<QString> seen;
  for (const QString& given : paths) {
    if (given.isEmpty()) continue;
    const QFileInfo info(given);
    QStringList candidates;
    if (info.isDir()) {
      candidates = imagesUnder(given);
      if (candidates.isEmpty()) rejected << given;
    } else if (info.isFile() && isImageFile(given)) {
      candidates << normalisedPath(given);
    } else {
      rejected << given;
    }
    for (const QString& path : candidates) {
      if (rows_.contains(path) || seen.contains(path)) continue;
      seen.insert(path);
      fresh << path;
    }
  }
  if (added) *added = fresh;
  if (fresh.isEmpty()) return rejected;

  beginInsertRows({}, images_.size(), images_.size() + fresh.size() - 1);
  for (const QString& path : fresh) {
    Image image;
    image.path = path;
    image.trueClass = trueClassFor(path, classKeys_);
    image.message = headerProblem(path, &image.size);
    if (!image.message.isEmpty()) image.state = State::Failed;
    rows_.insert(path, images_.size());
    images_.push_back(image);
  }
  endInsertRows();
  return rejected;
}

bool ImageListModel::removePaths(const QStringList& paths) {
  QVector<int> rows;
  for (const QString& path : paths) {
    const int row = indexOf(path);
    if (row >= 0) rows << row;
  }
  if (rows.isEmpty()) return false;
  std::sort(rows.begin(), rows.end(), std::greater<int>());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  for (int row : rows) removeRows(row, 1);
  return true;
}

void ImageListModel::clear() {
  if (images_.isEmpty()) return;
  beginResetModel();
  images_.clear();
  rows_.clear();
  endResetModel();
}

int ImageListModel::indexOf(const QString& path) const {
  const auto it = rows_.constFind(path);
  if (it != rows_.constEnd()) return *it;
  if (path.isEmpty()) return -1;
  return rows_.value(normalisedPath(path), -1);
}

QStringList ImageListModel::paths() const {
  QStringList result;
  for (const Image& image : images_) result << image.path;
  return result;
}

QStringList ImageListModel::pendingPaths() const {
  QStringList result;
  for (const Image& image : images_)
    if (image.state == State::Pending) result << image.path;
  return result;
}

bool ImageListModel::setEmbedding(const QString& path, const QVector<float>& embedding) {
  const int row = indexOf(path);
  if (row < 0) return false;
  Image& image = images_[row];
  image.embedding = embedding;
  image.state = State::Encoded;
  image.message.clear();
  rowChanged(row, {StateRole, StateMessageRole, EmbeddingRole, Qt::ToolTipRole});
  emit stateChanged(image.path);
  return true;
}

bool ImageListModel::setFailed(const QString& path, const QString& message) {
  const int row = indexOf(path);
  if (row < 0) return false;
  Image& image = images_[row];
  image.embedding.clear();
  image.state = State::Failed;
  image.message = message;
  rowChanged(row, {StateRole, StateMessageRole, EmbeddingRole, Qt::ToolTipRole});
  emit stateChanged(image.path);
  return true;
}

void ImageListModel::setVerdict(int row, const ImageVerdict& verdict) {
  if (row < 0 || row >= images_.size()) return;
  images_[row].verdict = verdict;
  emit dataChanged(index(row), index(row),
                   {VerdictRole, JudgedRole, DisagreeRole, ConfidenceRole, WrongByRole, Qt::ToolTipRole});
}

void ImageListModel::clearVerdicts() {
  for (Image& image : images_) image.verdict = ImageVerdict{};
  if (!images_.isEmpty())
    emit dataChanged(index(0), index(images_.size() - 1),
                     {VerdictRole, JudgedRole, DisagreeRole, ConfidenceRole, WrongByRole, Qt::ToolTipRole});
}

QStringList ImageListModel::resetEncodings() {
  QStringList pending;
  for (int row = 0; row < images_.size(); ++row) {
    Image& image = images_[row];
    if (!headerProblem(image.path).isEmpty()) continue;
    image.state = State::Pending;
    image.message.clear();
    image.embedding.clear();
    image.verdict = ImageVerdict{};
    pending << image.path;
  }
  if (!images_.isEmpty())
    emit dataChanged(index(0), index(images_.size() - 1),
                     {StateRole, StateMessageRole, EmbeddingRole, Qt::ToolTipRole});
  return pending;
}

void ImageListModel::setClasses(const QStringList& classes) {
  classes_ = classes;
  classKeys_ = classesByKey(classes);
  for (int row = 0; row < images_.size(); ++row) {
    const QString trueClass = trueClassFor(images_[row].path, classKeys_);
    if (trueClass == images_[row].trueClass) continue;
    images_[row].trueClass = trueClass;
    rowChanged(row, {TrueClassRole, Qt::ToolTipRole});
  }
}

bool ImageListModel::waitForThumbnails(int timeoutMs) {
  QDeadlineTimer deadline(timeoutMs);
  while (thumbnails_in_flight_ > 0 && !deadline.hasExpired()) {
    pool_.waitForDone(10);
    QCoreApplication::processEvents();
  }
  return thumbnails_in_flight_ == 0;
}

void ImageListModel::requestThumbnail(int row) const {
  const Image& image = images_[row];
  if (image.thumbnailRequested) return;
  image.thumbnailRequested = true;
  ++thumbnails_in_flight_;
  auto* self = const_cast<ImageListModel*>(this);
  const QString path = image.path;
  // The destructor waits for the pool, so `self` outlives every task; an answer still
  // queued then is discarded with the object.
  pool_.start([self, path] {
    const QImage thumbnail = loadScaled(path, QSize(kThumbnailSize, kThumbnailSize));
    QMetaObject::invokeMethod(
        self, [self, path, thumbnail] { self->deliverThumbnail(path, thumbnail); }, Qt::QueuedConnection);
  });
}

void ImageListModel::deliverThumbnail(const QString& path, const QImage& image) {
  --thumbnails_in_flight_;
  const int row = indexOf(path);
  if (row < 0) return;
  if (image.isNull()) {
    // Undecodable here (e.g. over Qt's allocation limit): a grey tile, so the view stops asking.
    QPixmap blank(kThumbnailSize, kThumbnailSize * 3 / 4);
    blank.fill(QColor(200, 200, 200));
    images_[row].thumbnail = blank;
  } else {
    images_[row].thumbnail = QPixmap::fromImage(image);
  }
  rowChanged(row, {Qt::DecorationRole, ThumbnailReadyRole});
  emit thumbnailReady(path);
}

void ImageListModel::rowChanged(int row, const QVector<int>& roles) {
  const QModelIndex changed = index(row);
  emit dataChanged(changed, changed, roles);
}

void ImageListModel::rebuildIndex() {
  rows_.clear();
  for (int row = 0; row < images_.size(); ++row) rows_.insert(images_[row].path, row);
}

}  // namespace protext
