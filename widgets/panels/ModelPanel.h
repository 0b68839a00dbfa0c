#pragma once
#include <QMap>
#include <QString>
#include <QStringList>
#include <QWidget>

#include "widgets/engine/EngineTypes.h"

class QAction;
class QComboBox;
class QFormLayout;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QProgressBar;
class QSettings;

namespace protext {

// The Model panel: open a CLIP (an OpenAI .pt, a .safetensors file or a Hugging Face folder)
// on a chosen device, reopen one of the recent models, or fall back on the embedded mini
// model; then what the open model is (towers, sizes, fingerprint). It asks for a model with
// openRequested(); the main window has the model service open it and feeds the service's
// opening()/opened()/openFailed() back to the on…() slots.
class ModelPanel : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kMaxRecent = 8;

  // `settings` defaults to a QSettings() for the application; it must outlive the panel.
  explicit ModelPanel(QWidget* parent = nullptr, QSettings* settings = nullptr);
  ~ModelPanel() override;

  // For the main window's menus and toolbar.
  QAction* openFileAction() const { return open_file_; }
  QAction* openFolderAction() const { return open_folder_; }
  QAction* openEmbeddedAction() const { return open_embedded_; }

  QString currentDevice() const;      // "cpu", "cuda:0", ...
  bool setCurrentDevice(const QString& device);  // false if the device is not in the list
  QStringList recentModels() const;
  bool isOpening() const { return opening_; }
  ModelInfo info() const { return info_; }  // of the last model opened; empty before

  // Off: errors are not shown in a message box, only emitted as errorShown() (tests, scripts).
  void setInteractive(bool interactive) { interactive_ = interactive; }
  bool isInteractive() const { return interactive_; }

  // 1 736 704 → "1.7 M"; 151 277 313 → "151 M".
  static QString formatParameters(qint64 count);
  // The first 12 characters and an ellipsis; the whole fingerprint goes in the tooltip.
  static QString shortFingerprint(const QString& fingerprint);

  QListWidget* recentList() const { return recent_; }
  QComboBox* deviceCombo() const { return device_; }
  QProgressBar* progressBar() const { return progress_; }
  QLabel* statusLabel() const { return status_; }
  QLabel* errorLabel() const { return error_; }
  // The value label of an info row: "path", "format", "device", "embedDim", "vision",
  // "image", "text", "tokens", "parameters", "fingerprint".
  QLabel* infoValue(const QString& key) const;

 public slots:
  // Records `path` in the recent list and opens it on the current device (drops land here).
  void openPath(const QString& path);
  void openEmbedded();
  void chooseFile();
  void chooseFolder();
  void clearRecent();
  void removeRecent(const QString& path);

  // The model service's answers (wired by the main window); public so tests drive the state.
  void onOpening(const QString& path);
  void onOpened(const protext::ModelInfo& info);
  void onOpenFailed(const QString& path, const QString& message);

 signals:
  // An error was reported (also when interactive, after the message box).
  void errorShown(const QString& message);
  void deviceChanged(const QString& device);
  // Open this model file or folder on this device.
  void openRequested(const QString& path, const QString& device);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void buildActions();
  void buildLayout();
  void fillDevices();
  void addRecent(const QString& path);
  void refreshRecent();
  void setOpening(bool opening, const QString& path = {});
  void showInfo(const ModelInfo& info);
  void showRecentMenu(const QPoint& pos);

  QSettings* settings_;
  bool ownsSettings_;
  bool interactive_ = true;
  bool opening_ = false;
  ModelInfo info_;

  QAction* open_file_ = nullptr;
  QAction* open_folder_ = nullptr;
  QAction* open_embedded_ = nullptr;
  QComboBox* device_ = nullptr;
  QListWidget* recent_ = nullptr;
  QLabel* recent_empty_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* error_ = nullptr;
  QWidget* info_box_ = nullptr;
  QLabel* info_placeholder_ = nullptr;
  QFormLayout* form_ = nullptr;
  QMap<QString, QLabel*> values_;
};

}  // namespace protext
