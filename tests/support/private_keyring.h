#pragma once
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QThread>
#include <csignal>
#include <sys/types.h>

namespace protext::test {

// A Secret Service of the test's own: a D-Bus session bus and gnome-keyring-daemon with an
// unlocked login keyring, both in a temporary folder, so the keychain suites run the real
// QtKeychain → libsecret → gnome-keyring path without touching the user's keyring. The bus
// has no service files, so nothing else is started on it. Set up before anything in the
// process talks to D-Bus (the session bus's address is read once); stopped with the object.
class PrivateKeyring {
 public:
  PrivateKeyring() {
    const QString root = dir_.path();
    QDir(root).mkpath("run");
    QFile::setPermissions(root + "/run", QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile config(root + "/bus.conf");
    config.open(QIODevice::WriteOnly);
    config.write(QStringLiteral(
                     "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
                     "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                     "<busconfig><type>session</type><listen>unix:dir=%1</listen><auth>EXTERNAL</auth>"
                     "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
                     "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n")
                     .arg(root + "/run")
                     .toUtf8());
    config.close();

    QProcess bus;
    bus.start("dbus-daemon", {"--config-file=" + root + "/bus.conf", "--fork", "--print-address=1", "--print-pid=1"});
    if (!bus.waitForFinished(10000) || bus.exitCode() != 0) {
      error_ = "dbus-daemon did not start (./setup.sh installs it): " + QString::fromUtf8(bus.readAllStandardError());
      return;
    }
    const QStringList lines = QString::fromUtf8(bus.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
    if (lines.size() < 2) {
      error_ = "dbus-daemon printed no address";
      return;
    }
    address_ = lines[0].trimmed();
    bus_pid_ = lines[1].trimmed().toInt();
    qputenv("DBUS_SESSION_BUS_ADDRESS", address_.toUtf8());
    qputenv("XDG_DATA_HOME", (root + "/data").toUtf8());  // where the login keyring is written
    qputenv("XDG_RUNTIME_DIR", (root + "/run").toUtf8());

    QProcess keyring;
    keyring.start("gnome-keyring-daemon", {"--unlock", "--components=secrets"});
    if (!keyring.waitForStarted(10000)) {
      error_ = "gnome-keyring-daemon did not start (./setup.sh installs gnome-keyring)";
      return;
    }
    keyring.write("protext-test");  // the login keyring's password: a new, unlocked keyring
    keyring.closeWriteChannel();
    if (!keyring.waitForFinished(10000) || keyring.exitCode() != 0) {
      error_ = "gnome-keyring-daemon failed: " + QString::fromUtf8(keyring.readAllStandardError());
      return;
    }
    // It forks and says nothing of itself; the bus knows who owns the Secret Service, once
    // the daemon has claimed it.
    QString reply;
    for (int attempt = 0; attempt < 50 && keyring_pid_ <= 0; ++attempt) {
      if (attempt > 0) QThread::msleep(100);
      QProcess owner;
      owner.start("dbus-send", {"--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                                "org.freedesktop.DBus.GetConnectionUnixProcessID", "string:org.freedesktop.secrets"});
      owner.waitForFinished(10000);
      reply = QString::fromUtf8(owner.readAllStandardOutput() + owner.readAllStandardError());
      keyring_pid_ = reply.section("uint32", 1).trimmed().toInt();
    }
    if (keyring_pid_ <= 0) error_ = "gnome-keyring-daemon does not own org.freedesktop.secrets: " + reply;
  }
  ~PrivateKeyring() {
    stopKeyring();
    if (bus_pid_ > 0) ::kill(bus_pid_, SIGTERM);
  }
  bool started() const { return error_.isEmpty(); }
  QString error() const { return error_; }
  // The bus stays, the keychain goes: what a desktop without a Secret Service looks like.
  void stopKeyring() {
    if (keyring_pid_ > 0) ::kill(keyring_pid_, SIGTERM);
    keyring_pid_ = 0;
  }
  bool keyringRunning() const { return keyring_pid_ > 0 && ::kill(keyring_pid_, 0) == 0; }

 private:
  QTemporaryDir dir_;
  QString address_, error_;
  pid_t bus_pid_ = 0, keyring_pid_ = 0;
};

}  // namespace protext::test
