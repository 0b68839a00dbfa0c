#include "widgets/panels/ImagesPanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "widgets/common/ErrorReport.h"
#include "widgets/common/MethodStyle.h"
#include "widgets/common/PanelAction.h"
#include "widgets/common/Prediction.h"
#include "widgets/models/ImageFilterModel.h"
#include "widgets/models/ImageListModel.h"
#include "widgets/panels/HeatMapPanel.h"
#include "widgets/panels/ImageDetails.h"
#include "widgets/panels/ThumbnailStrip.h"

namespace protext {
namespace {

constexpr int kMaxNamesListed = 10;

QString listOfNames(const QStringList& names) {
  QStringList shown;
  for (int i = 0; i < names.size() && i < kMaxNamesListed; ++i) shown << QStringLiteral("• ") + names[i];
  if (names.size() > kMaxNamesListed)
    shown << ImagesPanel::tr("…and %n more", nullptr, int(names.size() - kMaxNamesListed));
  return shown.join(QLatin1Char('\n'));
}

}  // namespace

ImagesPanel::ImagesPanel(QWidget* parent)
    : QWidget(parent), model_(new ImageListModel(this)), filter_(new ImageFilterModel(this)) {
  filter_->setSourceModel(model_);
  judge_timer_ = new QTimer(this);
  judge_timer_->setInterval(0);
  connect(judge_timer_, &QTimer::timeout, this, &ImagesPanel::judgeSome);
  setAcceptDrops(true);
  // No minimum set by hand: the layout's (the charts two by two beside the preview) keeps a
  // wide dock from squeezing the charts under it.
  buildActions();
  buildLayout();

  connect(strip_->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] { onCurrentChanged(); });
  connect(strip_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] { updateActionStates(); });
  connect(model_, &QAbstractItemModel::rowsInserted, this, [this] { fillClassFilters(); });
  connect(model_, &QAbstractItemModel::rowsRemoved, this, [this] { fillClassFilters(); });
  // A verdict can move an image into or out of the filter's view.
  connect(filter_, &QAbstractItemModel::rowsInserted, this, [this] { updateCount(); });
  connect(filter_, &QAbstractItemModel::rowsRemoved, this, [this] { updateCount(); });
  connect(model_, &QAbstractItemModel::modelReset, this, [this] {
    updateCount();
    onCurrentChanged();
  });
  connect(model_, &ImageListModel::stateChanged, this, [this] { updateCount(); });
  updateCount();
  updateActionStates();
  onCurrentChanged();
}

ImagesPanel::~ImagesPanel() = default;

QLabel* ImagesPanel::previewLabel() const { return details_->previewLabel(); }

void ImagesPanel::buildActions() {
  const auto make = [this](const QString& text, const QString& tip, const QKeySequence& keys, const QIcon& icon,
                           Qt::ShortcutContext context) {
    return makePanelAction(this, text, tip, keys, icon, context);
  };
  add_images_ = make(tr("Add &Images…"), tr("Add image files to compare the methods on"),
                     QKeySequence(Qt::CTRL | Qt::Key_I),
                     iconOr(QStringLiteral(":/icons/images-add.svg"), QStyle::SP_FileIcon), Qt::WindowShortcut);
  add_images_->setIconText(tr("Add Images"));
  add_folder_ = make(tr("Add &Folder…"), tr("Add every image in a folder and its sub-folders"),
                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
                     iconOr(QStringLiteral(":/icons/folder-add.svg"), QStyle::SP_DirIcon), Qt::WindowShortcut);
  add_folder_->setIconText(tr("Add Folder"));
  paste_ = make(tr("&Paste Image"), tr("Add the image or image files on the clipboard"),
                QKeySequence(QKeySequence::Paste),
                QIcon::fromTheme(QStringLiteral("edit-paste"),
                                 iconOr(QStringLiteral(":/icons/paste-lines.svg"), QStyle::SP_FileIcon)),
                Qt::WidgetWithChildrenShortcut);
  paste_->setIconText(tr("Paste"));
  remove_ = make(tr("&Remove Images"), tr("Remove the selected images from the strip (the files stay)"),
                 QKeySequence(QKeySequence::Delete), QApplication::style()->standardIcon(QStyle::SP_TrashIcon),
                 Qt::WidgetWithChildrenShortcut);
  remove_->setIconText(tr("Remove"));
  clear_ = make(tr("C&lear Images"), tr("Remove every image from the strip (the files stay)"),
                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete),
                QApplication::style()->standardIcon(QStyle::SP_DialogResetButton), Qt::WidgetWithChildrenShortcut);
  clear_->setIconText(tr("Clear"));

  connect(add_images_, &QAction::triggered, this, &ImagesPanel::chooseImages);
  connect(add_folder_, &QAction::triggered, this, &ImagesPanel::chooseFolder);
  connect(paste_, &QAction::triggered, this, &ImagesPanel::pasteFromClipboard);
  connect(remove_, &QAction::triggered, this, &ImagesPanel::removeSelected);
  connect(clear_, &QAction::triggered, this, &ImagesPanel::clear);
}

void ImagesPanel::buildLayout() {
  const auto button = [this](QAction* action) {
    auto* tool = new QToolButton(this);
    tool->setDefaultAction(action);
    tool->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tool->setAutoRaise(true);
    return tool;
  };
  auto* buttons = new QHBoxLayout;
  buttons->setSpacing(2);
  for (QAction* action : {add_images_, add_folder_, paste_, remove_, clear_}) buttons->addWidget(button(action));
  buttons->addStretch(1);
  count_ = new QLabel(this);
  count_->setObjectName(QStringLiteral("imageCountLabel"));
  buttons->addWidget(count_);

  strip_ = new ThumbnailStrip(this);
  strip_->setObjectName(QStringLiteral("imageStrip"));
  strip_->setModel(filter_);
  strip_->setViewMode(QListView::IconMode);
  strip_->setFlow(QListView::LeftToRight);
  strip_->setWrapping(false);
  strip_->setMovement(QListView::Static);
  strip_->setResizeMode(QListView::Adjust);
  strip_->setUniformItemSizes(true);
  strip_->setSpacing(2);
  strip_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  strip_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
  strip_->horizontalScrollBar()->setSingleStep(24);
  strip_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
  strip_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  strip_->setDragDropMode(QAbstractItemView::NoDragDrop);
  strip_->setAcceptDrops(false);  // drops fall through to the panel
  strip_->setContextMenuPolicy(Qt::ActionsContextMenu);
  strip_->QWidget::addAction(remove_);
  strip_->QWidget::addAction(clear_);
  strip_->QWidget::addAction(paste_);
  const QSize cell = ThumbnailStrip::cellSize(strip_->fontMetrics());
  strip_->setFixedHeight(cell.height() + 2 * strip_->spacing() + strip_->horizontalScrollBar()->sizeHint().height() +
                         2 * strip_->frameWidth() + 2);

  // Left: the selected image and what is known about it.
  details_ = new ImageDetails(this);

  // Right: each method's top classes, or why there are none.
  auto* results = new QWidget(this);
  top_k_ = new QSpinBox(results);
  top_k_->setObjectName(QStringLiteral("topKBox"));
  top_k_->setRange(1, 10);
  top_k_->setValue(5);
  top_k_->setToolTip(tr("How many of each method's most probable classes to show"));
  top_k_->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
  auto* topLabel = new QLabel(tr("&Classes shown:"), results);
  topLabel->setBuddy(top_k_);
  updating_ = new QLabel(tr("Updating the classifiers…"), results);
  updating_->setObjectName(QStringLiteral("classifiersUpdating"));
  updating_->setToolTip(tr("The charts show the previous classifiers until the new class list is encoded"));
  updating_->setStyleSheet(QStringLiteral("color: #808080; font-style: italic;"));
  updating_->hide();
  // Which images the strip shows and in what order, beside how many classes each chart
  // shows: one row under the strip, so the charts keep their height on a laptop screen.
  filter_box_ = new QComboBox(this);
  filter_box_->setObjectName(QStringLiteral("imageFilter"));
  filter_box_->addItem(tr("All images"), QString());
  filter_box_->addItem(tr("Wrong by some method"), QStringLiteral("wrong"));
  filter_box_->addItem(tr("Wrong by every method"), QStringLiteral("allwrong"));
  filter_box_->addItem(tr("Methods disagree"), QStringLiteral("disagreeing"));
  filter_help_ = tr("Show only the images some or every method gets wrong (their folder names the true class), "
                   "those the methods disagree on, or those of one class");
  filter_box_->setToolTip(filter_help_);
  filter_box_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  filter_box_->setMinimumContentsLength(12);
  auto* filterLabel = new QLabel(tr("S&how:"), this);
  filterLabel->setBuddy(filter_box_);
  order_box_ = new QComboBox(this);
  order_box_->setObjectName(QStringLiteral("imageOrder"));
  order_box_->addItems({tr("Order added"), tr("Least confident first"), tr("Most confident first")});
  order_box_->setToolTip(tr("Sort by the lowest top-1 probability among the methods"));
  order_box_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  order_box_->setMinimumContentsLength(10);
  auto* orderLabel = new QLabel(tr("So&rt:"), this);
  orderLabel->setBuddy(order_box_);
  connect(filter_box_, qOverload<int>(&QComboBox::currentIndexChanged), this, &ImagesPanel::applyFilter);
  connect(order_box_, qOverload<int>(&QComboBox::currentIndexChanged), this, &ImagesPanel::applyFilter);
  auto* header = new QHBoxLayout;
  header->addWidget(filterLabel);
  header->addWidget(filter_box_, 1);
  header->addSpacing(6);
  header->addWidget(orderLabel);
  header->addWidget(order_box_, 1);
  header->addStretch(1);
  header->addWidget(topLabel);
  header->addWidget(top_k_);
  comparison_ = new MethodComparisonView(results);
  comparison_->setObjectName(QStringLiteral("methodComparison"));
  comparison_->setTopK(top_k_->value());
  status_ = new QLabel(results);
  status_->setObjectName(QStringLiteral("predictionStatus"));
  status_->setWordWrap(true);
  status_->setAlignment(Qt::AlignCenter);
  status_->setTextFormat(Qt::PlainText);
  status_->setMargin(24);
  results_stack_ = new QStackedWidget(results);
  results_stack_->addWidget(comparison_);
  results_stack_->addWidget(status_);
  auto* resultsLayout = new QVBoxLayout(results);
  resultsLayout->setContentsMargins(0, 0, 0, 0);
  // On a line of its own above the charts: beside the filters it widened the window past a
  // laptop screen while the first model opened.
  resultsLayout->addWidget(updating_);
  resultsLayout->addWidget(results_stack_, 1);
  heat_ = new HeatMapPanel(results);
  heat_->setObjectName(QStringLiteral("heatMaps"));
  resultsLayout->addWidget(heat_);
  connect(top_k_, qOverload<int>(&QSpinBox::valueChanged), this, &ImagesPanel::setTopK);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->setObjectName(QStringLiteral("imagesSplitter"));
  splitter->addWidget(details_);
  splitter->addWidget(results);
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 3);
  splitter->setChildrenCollapsible(false);
  splitter->setSizes({240, 720});

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addLayout(buttons);
  layout->addWidget(strip_);
  layout->addLayout(header);
  layout->addWidget(splitter, 1);
}

QList<QAction*> ImagesPanel::panelActions() const { return {add_images_, add_folder_, paste_, remove_, clear_}; }

void ImagesPanel::setInteractive(bool interactive) { interactive_ = interactive; }

QStringList ImagesPanel::paths() const { return model_->paths(); }

QString ImagesPanel::currentPath() const {
  return current_.isValid() ? current_.data(ImageListModel::PathRole).toString() : QString();
}

int ImagesPanel::currentRow() const {
  return current_.isValid() ? filter_->mapToSource(current_).row() : -1;
}

bool ImagesPanel::selectPath(const QString& path) {
  const int row = model_->indexOf(path);
  if (row < 0) return false;
  // An image the filter hides is shown by showing every image again.
  if (!filter_->mapFromSource(model_->index(row)).isValid()) filter_box_->setCurrentIndex(0);
  const QModelIndex index = filter_->mapFromSource(model_->index(row));
  strip_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
  strip_->scrollTo(index);
  return true;
}

int ImagesPanel::addPaths(const QStringList& paths) { return addReporting(paths, {}); }

void ImagesPanel::showDrillDown(const DrillDown& drill) {
  if (drill.paths.isEmpty()) {
    emit statusMessage(tr("No images: %1").arg(drill.title));
    return;
  }
  QStringList missing;
  for (const QString& path : drill.paths)
    if (!model_->contains(path)) missing << path;
  if (!missing.isEmpty()) addPaths(missing);
  drill_title_ = drill.title;
  filter_->setListed(drill.paths);
  fillClassFilters();
  filter_box_->setCurrentIndex(filter_box_->findData(QStringLiteral("listed")));
  selectPath(drill.paths.front());
  emit statusMessage(tr("%1: %n images", nullptr, int(drill.paths.size())).arg(drill.title));
}

int ImagesPanel::addReporting(const QStringList& paths, const QStringList& refused) {
  QStringList added;
  const QStringList rejected = refused + model_->addPaths(paths, &added);
  if (!added.isEmpty()) {
    QStringList encode;
    for (const QString& path : added)
      if (model_->image(model_->indexOf(path)).state == ImageListModel::State::Pending) encode << path;
    if (!encode.isEmpty()) emit encodeRequested(encode);
    selectPath(added.front());
    emit statusMessage(tr("Images added: %n", nullptr, int(added.size())));
  }
  reportRejected(rejected);
  return added.size();
}

int ImagesPanel::dropUrls(const QList<QUrl>& urls) {
  QStringList local;
  QStringList other;
  for (const QUrl& url : urls) {
    if (url.isLocalFile()) {
      local << url.toLocalFile();
    } else {
      other << url.toDisplayString();
    }
  }
  return addReporting(local, other);
}

void ImagesPanel::reportRejected(const QStringList& rejected) {
  if (rejected.isEmpty()) return;
  QStringList names;
  for (const QString& path : rejected) {
    const QFileInfo info(path);
    names << (info.exists() ? info.fileName() + (info.isDir() ? QStringLiteral("/") : QString()) : path);
  }
  showError(tr("Only images (PNG, JPEG, BMP, WebP, TIFF) and folders that contain them can be added. "
               "Not added:\n%1")
                .arg(listOfNames(names)));
}

int ImagesPanel::addMimeData(const QMimeData* mime) {
  if (!mime) return 0;
  if (mime->hasUrls() && !mime->urls().isEmpty()) return dropUrls(mime->urls());
  if (mime->hasImage()) {
    const QImage image = qvariant_cast<QImage>(mime->imageData());
    if (image.isNull()) {
      showError(tr("The pasted image could not be read."));
      return 0;
    }
    if (!paste_dir_) {
      paste_dir_ = std::make_unique<QTemporaryDir>(QDir::temp().filePath(QStringLiteral("protext-pasted-XXXXXX")));
    }
    const QString name = QStringLiteral("pasted-%1-%2.png")
                             .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")))
                             .arg(++pasted_);
    const QString path = paste_dir_->isValid() ? paste_dir_->filePath(name) : QString();
    if (path.isEmpty() || !image.save(path, "PNG")) {
      showError(tr("The pasted image could not be saved to a temporary folder (%1).")
                    .arg(QDir::toNativeSeparators(QDir::tempPath())));
      return 0;
    }
    return addPaths({path});
  }
  if (mime->hasText()) {
    // File managers and terminals often copy paths as plain text, one per line.
    QList<QUrl> urls;
    for (const QString& line : mime->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
      const QString trimmed = line.trimmed();
      const QUrl url(trimmed);
      if (url.isLocalFile()) {
        urls << url;
      } else if (QFileInfo::exists(trimmed)) {
        urls << QUrl::fromLocalFile(trimmed);
      }
    }
    if (!urls.isEmpty()) return dropUrls(urls);
  }
  showError(tr("The clipboard holds no image and no image files. Copy an image or image files, then paste."));
  return 0;
}

void ImagesPanel::pasteFromClipboard() { addMimeData(QApplication::clipboard()->mimeData()); }

bool ImagesPanel::canAccept(const QMimeData* mime) const {
  return mime && ((mime->hasUrls() && !mime->urls().isEmpty()) || mime->hasImage());
}

void ImagesPanel::dragEnterEvent(QDragEnterEvent* event) {
  if (!canAccept(event->mimeData())) return;
  event->acceptProposedAction();
  drag_over_ = true;
  update();
}

void ImagesPanel::dragMoveEvent(QDragMoveEvent* event) {
  if (canAccept(event->mimeData())) event->acceptProposedAction();
}

void ImagesPanel::dragLeaveEvent(QDragLeaveEvent* event) {
  drag_over_ = false;
  update();
  QWidget::dragLeaveEvent(event);
}

void ImagesPanel::dropEvent(QDropEvent* event) {
  drag_over_ = false;
  update();
  if (!canAccept(event->mimeData())) return;
  event->acceptProposedAction();
  addMimeData(event->mimeData());
}

void ImagesPanel::paintEvent(QPaintEvent* event) {
  QWidget::paintEvent(event);
  if (!drag_over_) return;
  // The panel's margin turns into a highlighted frame while something hovers over it.
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(QPen(palette().color(QPalette::Highlight), 3, Qt::DashLine));
  painter.setBrush(Qt::NoBrush);
  painter.drawRoundedRect(QRectF(rect()).adjusted(1.5, 1.5, -1.5, -1.5), 6, 6);
}

void ImagesPanel::chooseImages() {
  QStringList patterns;
  for (const QString& suffix : ImageListModel::imageSuffixes()) patterns << QStringLiteral("*.") + suffix;
  const QStringList paths = QFileDialog::getOpenFileNames(
      this, tr("Add Images"), last_dir_,
      tr("Images (%1);;All files (*)").arg(patterns.join(QLatin1Char(' '))));
  if (paths.isEmpty()) return;
  last_dir_ = QFileInfo(paths.front()).absolutePath();
  addPaths(paths);
}

void ImagesPanel::chooseFolder() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Add Folder of Images"), last_dir_);
  if (folder.isEmpty()) return;
  last_dir_ = folder;
  addPaths({folder});
}

void ImagesPanel::removeSelected() {
  QStringList paths;
  int first = model_->rowCount();
  for (const QModelIndex& index : strip_->selectionModel()->selectedIndexes()) {
    paths << index.data(ImageListModel::PathRole).toString();
    first = std::min(first, filter_->mapToSource(index).row());
  }
  if (paths.isEmpty() && current_.isValid()) {
    paths << currentPath();
    first = currentRow();
  }
  if (!model_->removePaths(paths)) return;
  // The image after the removed ones takes the selection, as in a file manager.
  if (model_->rowCount() > 0) {
    selectPath(model_->image(std::min(first, model_->rowCount() - 1)).path);
  } else {
    onCurrentChanged();
  }
}

void ImagesPanel::clear() { model_->clear(); }

void ImagesPanel::setUpdating(bool updating) {
  if (updating == isUpdating()) return;
  updating_->setVisible(updating);
  updatePredictions();  // "Preparing…" rather than "Open a model…" while the first ones build
}

bool ImagesPanel::isUpdating() const { return !updating_->isHidden(); }

void ImagesPanel::setClassifiers(const ClassifierSet& set) {
  classifiers_ = set;
  model_->setClasses(set.classes);
  model_->clearVerdicts();
  judge_next_ = 0;
  judge_timer_->start();
  fillClassFilters();
  updatePredictions();
  updateDetails();
}

void ImagesPanel::onImageEncoded(const QString& path, const QVector<float>& embedding) {
  if (!model_->setEmbedding(path, embedding)) return;
  judgeRow(model_->indexOf(path));
  if (model_->indexOf(path) == model_->indexOf(currentPath())) updatePredictions();
}

void ImagesPanel::judgeRow(int row) {
  if (row < 0 || row >= model_->rowCount()) return;
  const ImageListModel::Image& image = model_->image(row);
  if (image.state != ImageListModel::State::Encoded || image.embedding.size() != classifiers_.dim) return;
  model_->setVerdict(row, judgeImage(classifiers_, image.embedding, image.trueClass));
}

void ImagesPanel::judgeSome() {
  // A few images per slice (for 1000 classes of 512 values and four methods, 2 M
  // multiply-adds each); the timer comes back after the event loop has run, so typing and
  // scrolling stay smooth over thousands of images.
  constexpr int kPerSlice = 4;
  int done = 0;
  while (judge_next_ < model_->rowCount() && done < kPerSlice) {
    if (!model_->image(judge_next_).verdict.judged) {
      judgeRow(judge_next_);
      ++done;
    }
    ++judge_next_;
  }
  if (judge_next_ >= model_->rowCount()) judge_timer_->stop();
}

bool ImagesPanel::verdictsCurrent() const {
  for (int row = 0; row < model_->rowCount(); ++row) {
    const ImageListModel::Image& image = model_->image(row);
    if (image.state == ImageListModel::State::Encoded && image.embedding.size() == classifiers_.dim &&
        !classifiers_.methods.isEmpty() && !image.verdict.judged)
      return false;
  }
  return true;
}

void ImagesPanel::fillClassFilters() {
  // The fixed filters; an evaluation's drill-down; one per method; one per class the
  // images' folders name.
  const QString keep = filter_box_->currentData().toString();
  QSignalBlocker block(filter_box_);
  while (filter_box_->count() > 4) filter_box_->removeItem(4);
  if (!drill_title_.isEmpty())
    filter_box_->addItem(tr("Evaluation: %1 (%n images)", nullptr, filter_->listedCount()).arg(drill_title_),
                         QStringLiteral("listed"));
  if (!classifiers_.methods.isEmpty()) filter_box_->insertSeparator(filter_box_->count());
  for (const QString& method : classifiers_.methods)
    filter_box_->addItem(tr("Wrong by %1").arg(MethodStyle::label(method)), QStringLiteral("wrongby:") + method);
  QStringList named;
  for (int row = 0; row < model_->rowCount(); ++row)
    if (!model_->image(row).trueClass.isEmpty() && !named.contains(model_->image(row).trueClass))
      named << model_->image(row).trueClass;
  named.sort(Qt::CaseInsensitive);
  if (!named.isEmpty()) filter_box_->insertSeparator(filter_box_->count());
  for (const QString& name : named) filter_box_->addItem(tr("Class: %1").arg(name), QStringLiteral("class:") + name);
  const int again = filter_box_->findData(keep);
  filter_box_->setCurrentIndex(again >= 0 ? again : 0);
  block.unblock();
  applyFilter();
}

void ImagesPanel::applyFilter() {
  const QString data = filter_box_->currentData().toString();
  using F = ImageFilterModel::Filter;
  if (data.startsWith(QStringLiteral("class:")))
    filter_->setFilter(F::OfClass, data.mid(6));
  else if (data.startsWith(QStringLiteral("wrongby:")))
    filter_->setFilter(F::WrongByMethod, data.mid(8));
  else if (data == QLatin1String("listed"))
    filter_->setFilter(F::Listed);
  else
    filter_->setFilter(data == QLatin1String("wrong")         ? F::SomeWrong
                       : data == QLatin1String("allwrong")    ? F::AllWrong
                       : data == QLatin1String("disagreeing") ? F::Disagreeing
                                                              : F::All);
  // A drill-down's title can be longer than the box: whole in its tooltip.
  filter_box_->setToolTip(data == QLatin1String("listed") ? filter_box_->currentText() : filter_help_);
  using O = ImageFilterModel::Order;
  const int order = order_box_->currentIndex();
  filter_->setOrder(order == 1 ? O::LeastConfident : order == 2 ? O::MostConfident : O::Added);
  updateCount();
}

void ImagesPanel::onImageFailed(const QString& path, const QString& message) {
  if (!model_->setFailed(path, message)) return;
  if (model_->indexOf(path) == model_->indexOf(currentPath())) updatePredictions();
}

void ImagesPanel::reencodeAll() {
  const QStringList pending = model_->resetEncodings();
  judge_timer_->stop();
  if (!pending.isEmpty()) emit encodeRequested(pending);
  updatePredictions();
}

void ImagesPanel::setTopK(int k) {
  if (top_k_->value() != k) {
    top_k_->setValue(k);  // comes back here through valueChanged
    return;
  }
  updatePredictions();
}

void ImagesPanel::onCurrentChanged() {
  const QModelIndex index = strip_->selectionModel()->currentIndex();
  current_ = index;
  updatePredictions();
  updateDetails();
  updateActionStates();
  emit currentPathChanged(currentPath());
}

void ImagesPanel::updatePredictions() {
  predictions_.clear();
  QString status;
  bool failed = false;
  const int row = currentRow();
  if (row < 0) {
    status = model_->rowCount() == 0 ? tr("Add images to see what each method predicts.") : tr("Select an image.");
  } else {
    const ImageListModel::Image& image = model_->image(row);
    if (image.state == ImageListModel::State::Failed) {
      status = tr("This image cannot be classified: %1").arg(image.message);
      failed = true;
    } else if (image.state == ImageListModel::State::Pending) {
      status = tr("Encoding %1…").arg(QFileInfo(image.path).fileName());
    } else if (classifiers_.classes.isEmpty() || classifiers_.methods.isEmpty()) {
      status = isUpdating() ? tr("Preparing the classifiers…") : tr("Open a model and add classes to see predictions.");
    } else if (classifiers_.dim != image.embedding.size()) {
      status = tr("This image was encoded by another model (%1 values, the classifiers have %2); encode it again.")
                   .arg(image.embedding.size())
                   .arg(classifiers_.dim);
      failed = true;
    } else {
      predictions_ = predictTopKWithNotes(classifiers_, image.embedding, top_k_->value());
    }
  }
  comparison_->setTopK(top_k_->value());
  if (predictions_.isEmpty()) {
    comparison_->clear();
  } else {
    comparison_->setPredictions(predictions_, model_->image(row).trueClass);
  }
  status_->setText(status);
  status_->setStyleSheet(QStringLiteral("color: %1; font-size: 13pt;")
                             .arg(failed ? ThumbnailStrip::failedColor().name() : QStringLiteral("#808080")));
  // With no image at all the comparison view's own invitation to drop one says it best.
  const bool explain = predictions_.isEmpty() && model_->rowCount() > 0;
  results_stack_->setCurrentWidget(explain ? static_cast<QWidget*>(status_) : comparison_);
  heat_->showImage(predictions_.isEmpty() ? QString() : model_->image(row).path, classifiers_.generation);
}

void ImagesPanel::updateDetails() {
  const int row = currentRow();
  if (row < 0) {
    details_->showImage({}, {}, {}, false);
    return;
  }
  const ImageListModel::Image& image = model_->image(row);
  details_->showImage(image.path, image.size, image.trueClass, !classifiers_.classes.isEmpty());
}

void ImagesPanel::updateActionStates() {
  const bool any = model_->rowCount() > 0;
  remove_->setEnabled(any && (strip_->selectionModel()->hasSelection() || current_.isValid()));
  clear_->setEnabled(any);
}

void ImagesPanel::updateCount() {
  int pending = 0, failed = 0;
  for (int row = 0; row < model_->rowCount(); ++row) {
    const auto state = model_->image(row).state;
    pending += state == ImageListModel::State::Pending;
    failed += state == ImageListModel::State::Failed;
  }
  QStringList parts;
  if (model_->rowCount() > 0) {
    if (filter_->rowCount() < model_->rowCount())
      parts << tr("%1 of %n images shown", nullptr, model_->rowCount()).arg(filter_->rowCount());
    else
      parts << tr("%n images", nullptr, model_->rowCount());
  }
  if (pending > 0) parts << tr("%n encoding", nullptr, pending);
  if (failed > 0) parts << tr("<span style='color:%1'>%n failed</span>", nullptr, failed).arg(ThumbnailStrip::failedColor().name());
  count_->setText(parts.join(QStringLiteral(" · ")));
  updateActionStates();
}

void ImagesPanel::showError(const QString& message) {
  showErrorBox(this, interactive_, tr("Images"), message, BoxTiming::AfterEvent);
  emit errorShown(message);
}

}  // namespace protext
