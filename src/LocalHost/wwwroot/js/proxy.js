// The proxy sign-in screen: a request to the center, the CA, the update feed or the diagnostics met a proxy that
// wants its ID and password (407, G009e). The flow waits here; 「認証」 gives the pair to the helper (kept in its
// memory for this run only) and the flow repeats its request; a refused pair comes back here with G009e;
// 「キャンセル」 returns to the main screen and the flow ends without a change.

import { ApiError, api, onProxySignIn } from './api.js';
import { t } from './i18n.js';
import {
  clearFormErrors, getCurrentScreen, problemOf, setFieldError, showInlineProblem, showScreen,
} from './ui.js';

const byId = (id) => document.getElementById(id);

let pending = null;

function cancelledProblem() {
  return { code: 'cancelled', cancelled: true, status: 0, title: t('proxy.cancelled'), remedy: '' };
}

function ask(refused) {
  // A second flow meeting the proxy while the screen is open waits for the same answer.
  if (pending) return pending.promise;
  const processing = byId('processing');
  const form = byId('proxy-form');
  pending = { returnTo: getCurrentScreen(), processingShown: !processing.hidden };
  pending.promise = new Promise((resolve, reject) => {
    pending.resolve = resolve;
    pending.reject = reject;
  });
  processing.hidden = true;
  clearFormErrors(form);
  byId('proxy-user-password').value = '';
  showScreen('proxy');
  if (refused) showInlineProblem(form, refused, byId('proxy-user'));
  else byId('proxy-user').focus();
  return pending.promise;
}

function finish(outcome) {
  const done = pending;
  pending = null;
  byId('proxy-user-password').value = '';
  if (outcome === 'signed-in') {
    showScreen(done.returnTo, { focus: false });
    byId('processing').hidden = !done.processingShown;
    done.resolve();
  } else {
    showScreen('main');
    done.reject(new ApiError(cancelledProblem()));
  }
}

async function submit(event) {
  event.preventDefault();
  if (!pending) return;
  const form = byId('proxy-form');
  const user = byId('proxy-user');
  const password = byId('proxy-user-password');
  clearFormErrors(form);
  let missing = false;
  for (const [input, key] of [[user, 'proxy.userRequired'], [password, 'proxy.passwordRequired']]) {
    if (input.value.length === 0) {
      setFieldError(input, { key });
      missing = true;
    }
  }
  if (missing) {
    form.querySelector('[aria-invalid="true"]').focus();
    return;
  }

  const button = byId('proxy-submit');
  button.disabled = true;
  try {
    await api.signInToProxy(user.value, password.value);
    finish('signed-in');
  } catch (error) {
    showInlineProblem(form, problemOf(error), user);
  } finally {
    button.disabled = false;
  }
}

export function initProxy() {
  onProxySignIn(ask);
  byId('proxy-form').addEventListener('submit', submit);
  byId('proxy-cancel').addEventListener('click', () => {
    if (pending) finish('cancelled');
  });
}
