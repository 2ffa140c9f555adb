# Headless Chromium and its WebDriver from Debian's packages, for the browser tests
# (sourced by .ci/run). The tests use /usr/bin/chromium and /usr/bin/chromedriver and
# download nothing; they fail, not skip, when either is missing.

ensure_chromium() {
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
        /usr/bin/chromium --version 2>/dev/null
        return
    fi
    echo "installing Chromium and its driver from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
    /usr/bin/chromium --version 2>/dev/null
}
