// Entry point: a tiny client-side router over /login, /accounts and /transactions.
import { api, isLoggedIn, logout, onSessionChange, resume } from './api.js';
import { render, withPending } from './dom.js';
import * as loginPage from './pages/login.js';
import * as accountsPage from './pages/accounts.js';
import * as transactionsPage from './pages/transactions.js';

const routes = {
  '/login': { page: loginPage, title: 'Log in', public: true },
  '/accounts': { page: accountsPage, title: 'Accounts' },
  '/transactions': { page: transactionsPage, title: 'Transactions' },
};

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const session = document.getElementById('session');
const sessionUser = document.getElementById('session-user');
const logoutButton = document.getElementById('logout');

let cleanup = null;
let afterLogin = null; // where to go once logged in (path + query), kept in memory only
let notice = null; // a one-off message for the next page (e.g. "session ended")
let firstRender = true;
let loggingOut = false;

export function navigate(url, { replace = false } = {}) {
  const target = new URL(url, location.origin);
  if (target.origin !== location.origin) {
    location.assign(target.href);
    return;
  }
  const path = target.pathname + target.search;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  show();
}

async function show() {
  cleanup?.();
  cleanup = null;
  let path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/index.html') {
    history.replaceState(null, '', '/accounts');
    path = '/accounts';
  }
  const route = routes[path];
  if (!route) {
    render(main, 'Page not found.');
    return;
  }
  if (!route.public && !isLoggedIn()) {
    afterLogin = location.pathname + location.search;
    history.replaceState(null, '', '/login');
    show();
    return;
  }
  if (path === '/login' && isLoggedIn()) {
    navigate(takeAfterLogin(), { replace: true });
    return;
  }
  document.title = `${route.title} · PersonalFinance`;
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  main.replaceChildren();
  const context = { navigate, notice: takeNotice(), onLoggedIn: () => navigate(takeAfterLogin(), { replace: true }) };
  cleanup = route.page.mount(main, context) ?? null;
  // Move focus to the new page's heading so keyboard and screen-reader users start there (not on first load).
  if (!firstRender) main.querySelector('h1')?.focus();
  firstRender = false;
}

function takeAfterLogin() {
  const target = afterLogin && !afterLogin.startsWith('/login') ? afterLogin : '/accounts';
  afterLogin = null;
  return target;
}

function takeNotice() {
  const value = notice;
  notice = null;
  return value;
}

async function showUser() {
  try {
    const me = await api('/auth/me');
    const name = [me.first_name, me.last_name].filter(Boolean).join(' ') || me.username;
    sessionUser.textContent = name;
    sessionUser.title = `Logged in as ${me.username}`;
  } catch {
    sessionUser.textContent = '';
  }
}

onSessionChange((loggedIn) => {
  nav.hidden = !loggedIn;
  session.hidden = !loggedIn;
  if (loggedIn) {
    showUser();
  } else if (!loggingOut && location.pathname !== '/login') {
    notice = 'Your session has ended. Please log in again.';
    afterLogin = location.pathname + location.search;
    navigate('/login', { replace: true });
  }
});

logoutButton.addEventListener('click', () => {
  withPending(logoutButton, 'Logging out…', async () => {
    loggingOut = true;
    try {
      await logout();
    } catch {
      // The session is gone locally either way.
    } finally {
      loggingOut = false;
    }
    afterLogin = null;
    notice = 'You have logged out.';
    navigate('/login', { replace: true });
  });
});

// Same-origin links to the UI's routes navigate without a page load.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href, location.origin);
  if (url.origin !== location.origin || !(url.pathname in routes)) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', show);

(async () => {
  await resume();
  show();
})();

// Coming back from the bank with the back button restores a page frozen mid-redirect: start it afresh.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) location.reload();
});
