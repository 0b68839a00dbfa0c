#pragma once
#include <QColor>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QGridLayout;
class QLabel;
class QStackedWidget;

namespace protext {

// One method's answer for one image: labels and probabilities sorted by descending
// probability, top-k only.
struct MethodPrediction {
  QString method;  // core's method id; MethodStyle gives its label and colour
  QStringList labels;
  QVector<double> probabilities;
  // Set for a method that could not run for this class list (labels empty): the card keeps
  // its place and says why instead of drawing bars.
  QString note;
};

// Side-by-side horizontal bar charts of each method's top-k classes for one image, with the
// methods that break from the consensus and the true class (when known) marked. In a row
// where there is room, two by two where there is not (a laptop screen).
class MethodComparisonView : public QWidget {
  Q_OBJECT
 public:
  explicit MethodComparisonView(QWidget* parent = nullptr);

  int topK() const { return top_k_; }
  int methodCount() const { return predictions_.size(); }
  QString topLabel(int method) const;
  // Read back from the drawn bars, best first.
  QVector<double> shownProbabilities(int method) const;
  // Whether this method's top-1 differs from the one most methods agree on. Without a
  // strict plurality (every method different, or a tie) nobody is singled out.
  bool isDisagreeing(int method) const;
  bool isCorrect(int method) const;
  QCustomPlot* plot(int method) const;
  int chartsPerRow() const { return per_row_; }
  QLabel* titleLabel(int method) const;
  QLabel* noteLabel(int method) const;  // shown in place of the chart for a method with a note
  QString trueClass() const { return true_class_; }

 public slots:
  void setPredictions(const QVector<protext::MethodPrediction>& predictions, const QString& trueClass = {});
  void clear();
  void setTopK(int k);

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  struct Column {
    QWidget* box = nullptr;
    QLabel* title = nullptr;
    QCustomPlot* plot = nullptr;
    QLabel* note = nullptr;
  };
  void rebuild();
  void arrange();
  void fillChart(int index);
  void updateTitle(int index);
  QString consensusLabel() const;

  QVector<MethodPrediction> predictions_;
  QString true_class_;
  QString consensus_;
  int top_k_ = 5;
  QStackedWidget* stack_ = nullptr;
  QLabel* empty_ = nullptr;
  QWidget* charts_ = nullptr;
  QGridLayout* charts_layout_ = nullptr;
  int per_row_ = 0;
  QVector<Column> columns_;
};

}  // namespace protext
