#pragma once
#include <QString>
#include <QWidget>

#include "widgets/engine/EngineTypes.h"

class QLabel;
class QStackedWidget;
class QStandardItemModel;
class QTableView;

namespace protext {

// The Prompts panel: what each learned context vector resembles, as its nearest vocabulary
// words with their cosine similarity. Learned vectors rarely sit on a word, so the panel
// shows this as a hint, not a translation.
class PromptsPanel : public QWidget {
  Q_OBJECT

 public:
  enum Column { VectorColumn, WordsColumn };

  explicit PromptsPanel(QWidget* parent = nullptr);

  bool isEmpty() const;
  QString promptsPath() const { return path_; }
  QString warning() const { return warning_text_; }
  // "photo 0.41 · picture 0.38 · image 0.35"
  static QString emptyText();
  static QString wordsText(const QStringList& words, const QVector<double>& cosines);

  QTableView* table() const { return table_; }
  QStandardItemModel* model() const { return model_; }
  QLabel* fileLabel() const { return file_; }
  QLabel* warningLabel() const { return warning_; }
  QLabel* emptyLabel() const { return empty_; }

 public slots:
  // `path`: the prompts file the words belong to; `warning`: e.g. a fingerprint mismatch.
  void setPromptWords(const QString& path, const protext::PromptWords& words, const QString& warning = {});
  void clear();

 private:
  QString path_;
  QString warning_text_;
  QStackedWidget* stack_ = nullptr;
  QLabel* empty_ = nullptr;
  QLabel* file_ = nullptr;
  QWidget* warning_box_ = nullptr;
  QLabel* warning_ = nullptr;
  QTableView* table_ = nullptr;
  QStandardItemModel* model_ = nullptr;
};

}  // namespace protext
