// The pages of tokki serve (作成, 審査, 比較, 条項, 履歴, 利用者 and the login page), served from
// the assets compiled into the binary (web_assets.h). The pages only call the JSON API; all
// their data comes from there.
#ifndef TOKKI_WEB_PAGES_H_
#define TOKKI_WEB_PAGES_H_

#include <httplib.h>

#include <functional>

namespace tokki {

// Adds GET / (the application for a logged-in browser, else a redirect to /login), GET /login
// and GET /assets/NAME (no login: the login page needs its script and style, and none of them
// holds data). `logged_in` says whether a request carries a valid session cookie.
void AddPageRoutes(httplib::Server* http, std::function<bool(const httplib::Request&)> logged_in);

// Headers every page gets: a Content-Security-Policy that allows only tokki's own scripts
// and styles (inline styles for tokki's HTML reports shown in sandboxed frames), no framing
// by other sites, no MIME sniffing, no Referer.
void SetPageHeaders(httplib::Response* res);

}  // namespace tokki

#endif  // TOKKI_WEB_PAGES_H_
