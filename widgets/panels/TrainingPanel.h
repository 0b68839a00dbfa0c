#pragma once
#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>

#include "widgets/engine/EngineTypes.h"

class QAction;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QScrollArea;

namespace protext {

class LossPlot;
class TrainingSettingsForm;

// The Training panel: a preset and every hyper-parameter of a run, Start / Stop / Resume,
// live progress and loss curves, a log, and what to do with the prompts a run wrote.
// The settings are the core's TrainConfig (presets, checks and checkpoint reading are the
// core's, core/protext/train_config.h). The panel does not start runs itself: it emits
// startRequested() and the main window, which knows the model and the classes, calls
// TrainingService::start(); stopRequested() likewise. The on…() slots follow the service's
// signals (wired by the main window).
class TrainingPanel : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kLogLines = 5000;

  explicit TrainingPanel(QWidget* parent = nullptr);

  // The preset combo's label of a core preset name (preset_names()), translated.
  static QString presetLabel(const QString& preset);
  // QStandardPaths::AppDataLocation/runs/<yyyyMMdd-HHmmss>.safetensors (the folder is made).
  static QString newRunPath();
  // 42 → "0:42", 3725 → "1:02:05".
  static QString formatDuration(double seconds);
  // "epoch 3/10 · step 120/400 · 850 samples/s · ETA 0:42" (progress.epoch counts from 0).
  static QString progressText(const TrainProgress& progress);

  TrainConfig settings() const;
  void setSettings(const TrainConfig& settings);
  QString preset() const;
  // True when a hyper-parameter differs from the current preset's defaults.
  bool isModified() const;

  int maxDepth() const;
  bool isRunning() const { return running_; }
  QString checkpointPath() const { return checkpoint_; }  // the last run's prompts; empty if none

  // Off: errors are not shown in a message box, only emitted as errorShown() (tests, scripts).
  void setInteractive(bool interactive) { interactive_ = interactive; }
  bool isInteractive() const { return interactive_; }

  // For the main window's menus and toolbar.
  QAction* startAction() const { return start_; }
  QAction* stopAction() const { return stop_; }
  QAction* resumeAction() const { return resume_; }
  QAction* savePromptsAction() const { return save_prompts_; }
  QAction* loadPromptsAction() const { return load_prompts_; }
  QAction* importCheckpointAction() const { return import_checkpoint_; }

  LossPlot* lossPlot() const { return plot_; }
  QPlainTextEdit* log() const { return log_; }
  QProgressBar* progressBar() const { return progress_; }
  QComboBox* presetCombo() const { return preset_; }
  QScrollArea* settingsArea() const { return settings_area_; }

 public slots:
  void applyPreset(const QString& preset);
  void restoreDefaults();  // the current preset's values
  // The text tower's layer count bounds the prompt depth; lowers the depth if needed.
  void setMaxDepth(int layers);
  // Emits startRequested() with the panel's settings and a new run file, after the core's
  // checks of the settings (a refused value is shown, nothing starts).
  void start();
  // Continues the checkpoint's run with the settings it was trained with.
  void resumeFrom(const QString& checkpoint);
  // Draws the loss history a training checkpoint keeps (a project's prompts); false, and
  // the plot left as it is, for a file without one (exported or imported prompts).
  bool showHistory(const QString& checkpoint);
  void stop();
  // Copies the last run's prompts to `path`; false after showing why.
  bool savePromptsTo(const QString& path);
  // Prompts that came from elsewhere (loaded, imported, a project's) are what Save Prompts
  // copies from now on.
  void setPromptsFile(const QString& path);
  void appendLog(const QString& line);

  // The service took a run and prepares its data: the panel is running from here on.
  void onPreparing();
  void onStarted(qint64 steps);
  void onProgress(const protext::TrainProgress& progress);
  void onFinished(const QString& path, bool cancelled, const QString& note);
  void onFailed(const QString& message);

 signals:
  void startRequested(const protext::TrainRequest& request);
  // Stop the run after its current step.
  void stopRequested();
  // A prompts file to load as the "protext" method: ours or the authors' Dassl checkpoint.
  void loadPromptsRequested(const QString& path);
  // A run wrote prompts worth showing (finished, or stopped after at least one epoch).
  void promptsReady(const QString& path);
  // An error was reported (also when interactive, after the message box).
  void errorShown(const QString& message);
  // Transient news for a status bar.
  void statusMessage(const QString& message);

 private:
  void buildActions();
  void buildLayout();
  void requestStart(const TrainRequest& request);
  void setRunning(bool running);
  void updateState();
  void updateModified();
  void showError(const QString& message);
  void chooseResume();
  void chooseSave();
  void chooseLoad(bool authors);
  void drawHistory(const CheckpointInfo& info);

  bool interactive_ = true;
  bool running_ = false;
  bool stopping_ = false;
  bool applying_preset_ = false;
  QString checkpoint_;
  QString last_dir_;
  qint64 steps_ = 0;
  // The checkpoint a resumed run continues: its history is drawn again when the run starts.
  std::optional<CheckpointInfo> resumed_;

  QAction* start_ = nullptr;
  QAction* stop_ = nullptr;
  QAction* resume_ = nullptr;
  QAction* save_prompts_ = nullptr;
  QAction* load_prompts_ = nullptr;
  QAction* import_checkpoint_ = nullptr;

  QComboBox* preset_ = nullptr;
  QPushButton* restore_ = nullptr;
  QLabel* modified_ = nullptr;
  QScrollArea* settings_area_ = nullptr;
  TrainingSettingsForm* form_ = nullptr;

  QProgressBar* progress_ = nullptr;
  LossPlot* plot_ = nullptr;
  QPlainTextEdit* log_ = nullptr;
};

}  // namespace protext
