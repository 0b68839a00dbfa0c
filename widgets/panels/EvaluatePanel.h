#pragma once
#include <QElapsedTimer>
#include <QList>
#include <QWidget>

#include "widgets/common/EvaluationResult.h"

class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace protext {

class EvaluationView;

// The Evaluate panel: pick a labelled folder (one sub-folder per class), run every method
// on it with progress and cancel, and read the scores below. The main window supplies the
// model and classifiers: it answers runRequested() by starting the service, whose signals
// come back to the on…() slots.
class EvaluatePanel : public QWidget {
  Q_OBJECT

 public:
  explicit EvaluatePanel(QWidget* parent = nullptr);

  // Run, Cancel, Choose folder: for the main window's menu and toolbar.
  QList<QAction*> panelActions() const;
  QAction* runAction() const { return run_; }
  QAction* cancelAction() const { return cancel_; }
  QAction* chooseFolderAction() const { return choose_; }

  // Off: errors are only emitted as errorShown(), never shown in a message box.
  void setInteractive(bool interactive);
  bool isInteractive() const { return interactive_; }

  QString folder() const;
  bool isRunning() const { return running_; }

  EvaluationView* evaluationView() const { return view_; }
  QLineEdit* folderEdit() const { return folder_; }
  QProgressBar* progressBar() const { return progress_; }
  QLabel* statusLabel() const { return status_; }
  QLabel* errorLabel() const { return error_; }

 public slots:
  void setFolder(const QString& folder);
  // Checks the folder, then emits runRequested(); false (after saying why) when it cannot.
  bool run();
  void cancel();
  void onProgress(qint64 done, qint64 total);
  void onFinished(const protext::EvaluationResult& result);
  void onCancelled();
  void onFailed(const QString& message);

 signals:
  void runRequested(const QString& folder);
  void cancelRequested();
  void errorShown(const QString& message);
  // Transient news for a status bar.
  void statusMessage(const QString& message);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildActions();
  void buildLayout();
  void chooseFolder();
  void setRunning(bool running);
  void updateActionStates();
  void showError(const QString& message);
  QString elapsedText() const;

  bool interactive_ = true;
  bool running_ = false;
  bool cancelling_ = false;
  qint64 done_ = 0, total_ = 0;
  QElapsedTimer clock_;

  QLineEdit* folder_;
  QPushButton* choose_button_;
  QPushButton* run_button_;
  QPushButton* cancel_button_;
  QProgressBar* progress_;
  QLabel* status_;
  QLabel* error_;
  EvaluationView* view_;

  QAction* run_;
  QAction* cancel_;
  QAction* choose_;
};

}  // namespace protext
