// Help has what a newcomer needs (issue 11): the keyboard shortcuts, read from the window's
// own actions so the list matches what the keys do, and a one-page guide to the methods.
#include <QApplication>
#include <QKeySequence>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "support/bare_window.h"
#include "support/fixtures.h"
#include "support/suite.h"
#include "widgets/common/Translations.h"
#include "widgets/window/HelpDialogs.h"
#include "widgets/window/MainWindow.h"

using namespace protext;

class HelpDialogsTest : public QObject {
  Q_OBJECT
  QTemporaryDir home_;

 private slots:
  void initTestCase() { test::use_private_settings(home_.path()); }

  void theShortcutsListIsReadFromTheWindowsActions() {
    const auto window = test::bare_window();
    ShortcutsDialog dialog(window.get());
    QMap<QString, QString> shown;
    for (int row = 0; row < dialog.table()->rowCount(); ++row)
      shown.insert(dialog.table()->item(row, 0)->text(), dialog.table()->item(row, 1)->text());
    QCOMPARE(shown.size(), dialog.table()->rowCount());  // each command once
    QVERIFY(shown.size() >= 10);
    const auto key = [](QKeySequence::StandardKey k) { return QKeySequence(k).toString(QKeySequence::NativeText); };
    QCOMPARE(shown.value("New Project"), key(QKeySequence::New));
    QCOMPARE(shown.value("Open Project"), key(QKeySequence::Open));
    QCOMPARE(shown.value("Quit"), key(QKeySequence::Quit));
    QCOMPARE(shown.value("Quick Guide"), key(QKeySequence::HelpContents));
    QCOMPARE(shown.value("Resume training"), QKeySequence(Qt::CTRL | Qt::Key_F5).toString(QKeySequence::NativeText));
  }

  void theGuideNamesEveryMethod() {
    const QString html = QuickGuideDialog::guideHtml();
    for (const char* method : {"Template", "Ensemble", "Descriptions", "ProText"}) QVERIFY(html.contains(method));
    QVERIFY(html.contains("protext eval"));
  }

  void theGuideIsTranslated() {
    QVERIFY(Translations::install(qApp, "zh_CN"));
    const QString html = QuickGuideDialog::guideHtml();
    Translations::install(qApp, "en");
    QVERIFY2(html.contains(QString::fromUtf8("比较")), qPrintable(html.left(80)));
    QVERIFY(QuickGuideDialog::guideHtml().contains("Compare four ways"));
  }
};

PROTEXT_TEST_SUITE(HelpDialogsTest)
#include "help_dialogs_test.moc"
