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
// words with their cosine similarity (pieces of words marked "-"), and, read by meaning,
// what the prompts did to each class: how far its embedding moved from the single template
// toward its own descriptions, and the descriptions and templates now nearest to it.
// Learned vectors rarely sit on a word, so the words are a hint, not a translation.
class PromptsPanel : public QWidget {
  Q_OBJECT

 public:
  enum Column { VectorColumn, WordsColumn };
  enum MeaningColumn { ClassColumn, MovedColumn, NearestColumn };

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
  QTableView* meaningTable() const { return meaning_table_; }
  QStandardItemModel* meaningModel() const { return meaning_model_; }
  QLabel* meaningLabel() const { return meaning_label_; }
  // "0.62 → 0.81"
  static QString movedText(const protext::ClassMeaningRow& row);

 public slots:
  // `path`: the prompts file the words belong to; `warning`: e.g. a fingerprint mismatch.
  void setPromptWords(const QString& path, const protext::PromptWords& words, const QString& warning = {});
  void clear();
  // Per class, for the classifiers on screen; empty: none (no prompts, or being read).
  void setMeaning(const QVector<protext::ClassMeaningRow>& rows);
  void setMeaningError(const QString& message);

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
  QLabel* meaning_label_ = nullptr;
  QTableView* meaning_table_ = nullptr;
  QStandardItemModel* meaning_model_ = nullptr;
};

}  // namespace protext
