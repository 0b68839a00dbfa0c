#pragma once
#include <QDialog>
#include <QMap>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace protext {

class DescriptionService;
struct DescribedClasses;

// "Generate Descriptions…": writes descriptions for the given classes (WordNet, offline),
// shows progress with Cancel, and lets the user look at each class's sentences, edit them
// and untick classes before anything reaches the class list. accepted() is what Apply
// hands over; the class list applies it as one undo step.
class GenerateDescriptionsDialog : public QDialog {
  Q_OBJECT
 public:
  GenerateDescriptionsDialog(const QStringList& classes, QWidget* parent = nullptr);

  // The ticked classes with their (possibly edited) descriptions.
  QMap<QString, QStringList> accepted() const;
  QStringList unknown() const { return unknown_; }
  bool isGenerating() const;
  DescriptionService* service() const { return service_; }
  QListWidget* classList() const { return list_; }
  QPlainTextEdit* editor() const { return editor_; }
  QPushButton* applyButton() const;
  QComboBox* sourceBox() const { return source_; }

 public slots:
  void generate();

 signals:
  void generated();  // results are on screen (or the run was cancelled or failed)

 private:
  void onFinished(const DescribedClasses& result);
  void showCurrent();
  void keepEdits();

  QStringList classes_;
  QMap<QString, QStringList> descriptions_;
  QStringList unknown_;
  QString shown_;  // the class whose sentences the editor holds
  DescriptionService* service_ = nullptr;
  QComboBox* source_ = nullptr;
  QLabel* status_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* cancel_run_ = nullptr;
  QListWidget* list_ = nullptr;
  QPlainTextEdit* editor_ = nullptr;
  QLabel* note_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
  QMap<QString, QString> notes_;
};

}  // namespace protext
