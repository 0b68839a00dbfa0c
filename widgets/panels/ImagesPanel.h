#pragma once

#include <QList>
#include <QPersistentModelIndex>
#include <QUrl>
#include <QWidget>
#include <memory>

#include "widgets/common/DrillDown.h"
#include "widgets/engine/EngineTypes.h"
#include "widgets/views/MethodComparisonView.h"

class QAction;
class QComboBox;
class QLabel;
class QTimer;
class QListView;
class QMimeData;
class QSpinBox;
class QStackedWidget;
class QTemporaryDir;

namespace protext {

class HeatMapPanel;
class ImageDetails;
class ImageFilterModel;
class ImageListModel;

// The main area: a strip of image thumbnails (drop, paste or add images and folders), and
// for the selected image a preview beside each method's top-k classes. It asks for embeddings
// with encodeRequested(); the main window has the model service encode them and feeds the
// answers to onImageEncoded()/onImageFailed(). Predictions are recomputed here whenever the
// classifiers change.
class ImagesPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ImagesPanel(QWidget* parent = nullptr);
  ~ImagesPanel() override;

  // Add images, Add folder, Paste, Remove, Clear: for the main window's menu and toolbar.
  QList<QAction*> panelActions() const;
  QAction* addImagesAction() const { return add_images_; }
  QAction* addFolderAction() const { return add_folder_; }
  QAction* pasteAction() const { return paste_; }
  QAction* removeAction() const { return remove_; }
  QAction* clearAction() const { return clear_; }

  // Off: errors are only emitted as errorShown(), never shown in a message box.
  void setInteractive(bool interactive);
  bool isInteractive() const { return interactive_; }

  ImageListModel* imageModel() const { return model_; }
  MethodComparisonView* comparisonView() const { return comparison_; }
  // The heat maps under the charts; the main window answers its explainRequested().
  HeatMapPanel* heatMaps() const { return heat_; }
  QListView* stripView() const { return strip_; }
  ImageFilterModel* filterModel() const { return filter_; }
  QComboBox* filterBox() const { return filter_box_; }
  QComboBox* orderBox() const { return order_box_; }
  // Whether every image with an embedding has its badge for the current classifiers.
  bool verdictsCurrent() const;
  QSpinBox* topKBox() const { return top_k_; }
  QLabel* previewLabel() const;
  // Why no charts are shown (encoding, failed, no classifiers); empty when they are.
  QLabel* statusLabel() const { return status_; }
  bool isUpdating() const;
  const ClassifierSet& classifiers() const { return classifiers_; }

  QStringList paths() const;
  QString currentPath() const;
  bool selectPath(const QString& path);
  // What the comparison view shows for the selected image; empty without classifiers or an
  // embedding.
  QVector<MethodPrediction> currentPredictions() const { return predictions_; }

  // Exactly what dropping these URLs does: local images and folders are added, anything
  // else is reported by name. Returns how many images were added.
  int dropUrls(const QList<QUrl>& urls);
  // The clipboard's (or a drop's) content: file URLs, or image data saved as a PNG.
  int addMimeData(const QMimeData* mime);

 public slots:
  // Adds images and folders, asks for their embeddings, selects the first new one and
  // reports what was refused. Returns how many images were added.
  int addPaths(const QStringList& paths);
  // The images behind an evaluation's number: added when missing, and shown alone (the
  // filter "Evaluation: <title>") with each method's verdict as their badge.
  void showDrillDown(const protext::DrillDown& drill);
  void setClassifiers(const protext::ClassifierSet& set);
  // While on, the header says the classifiers are being rebuilt (the charts keep the last).
  void setUpdating(bool updating);
  void onImageEncoded(const QString& path, const QVector<float>& embedding);
  void onImageFailed(const QString& path, const QString& message);
  // Every image again, e.g. after another model was opened.
  void reencodeAll();
  void removeSelected();
  void clear();
  void pasteFromClipboard();
  void setTopK(int k);

 signals:
  void errorShown(const QString& message);
  // Transient news for a status bar.
  void statusMessage(const QString& message);
  void currentPathChanged(const QString& path);
  // These images need embeddings from the open model.
  void encodeRequested(const QStringList& paths);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dragMoveEvent(QDragMoveEvent* event) override;
  void dragLeaveEvent(QDragLeaveEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void paintEvent(QPaintEvent* event) override;

 private:
  void buildActions();
  void buildLayout();
  void showError(const QString& message);
  int addReporting(const QStringList& paths, const QStringList& refused);
  void reportRejected(const QStringList& rejected);
  void chooseImages();
  void chooseFolder();
  void onCurrentChanged();
  void updatePredictions();
  void updateDetails();
  void updateActionStates();
  void updateCount();
  void loadPreview(const QString& path);
  void showPreview();
  bool canAccept(const QMimeData* mime) const;
  int currentRow() const;  // the selected image's row in model_, -1 if none
  void judgeSome();        // a slice of the stale verdicts, then again later: no GUI stall
  void judgeRow(int row);
  void applyFilter();
  void fillClassFilters();

  ImageListModel* model_;
  ImageFilterModel* filter_ = nullptr;
  QComboBox* filter_box_ = nullptr;
  QComboBox* order_box_ = nullptr;
  QTimer* judge_timer_ = nullptr;
  int judge_next_ = 0;  // the next row judgeSome() looks at
  ClassifierSet classifiers_;
  QString drill_title_;  // the last drill-down's, for its filter entry
  QString filter_help_;   // the filter box's tooltip, but for a drill-down's
  QVector<MethodPrediction> predictions_;
  bool interactive_ = true;
  bool drag_over_ = false;
  QString last_dir_;
  std::unique_ptr<QTemporaryDir> paste_dir_;
  int pasted_ = 0;

  QListView* strip_;
  QLabel* count_;
  ImageDetails* details_;
  QLabel* status_;
  QLabel* updating_;
  QSpinBox* top_k_;
  MethodComparisonView* comparison_;
  QStackedWidget* results_stack_;
  HeatMapPanel* heat_ = nullptr;

  QAction* add_images_;
  QAction* add_folder_;
  QAction* paste_;
  QAction* remove_;
  QAction* clear_;

  QPersistentModelIndex current_;
};

}  // namespace protext
