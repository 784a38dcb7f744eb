import { type Permission, roleHolds } from '@domain/access/roles';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { fetchSession, signIn as requestSignIn, signOut as requestSignOut } from '../api/auth';
import { type ApiError, setCsrfToken, toApiError } from '../api/http';
import type { Session, User } from '../api/types';

/** Why the sign-in page is showing, when it is not the user's own doing. */
export type SessionNotice = 'expired';

// The server ends a session after this long without a request, unless /api/auth/me says otherwise.
const DEFAULT_IDLE_MINUTES = 30;
// Panning and zooming the map make no requests: while the user is active, the server hears of it this often.
const KEEPALIVE_INTERVAL_MS = 2 * 60_000;
const IDLE_CHECK_INTERVAL_MS = 30_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** What decides the data an account may see; data loaded for one account must not be shown to another. */
function accessOf(user: User): string {
  return JSON.stringify([user.username, user.role, user.scope]);
}

/**
 * The signed-in account. The session itself is an httpOnly cookie the client never sees; what it holds is
 * the account, the anti-forgery token for state-changing requests, and when the session ends.
 */
export const useSessionStore = defineStore('session', () => {
  const user = shallowRef<User | null>(null);
  /** Whether the server has been asked who is signed in; until then no page may load data. */
  const known = ref(false);
  const expiresAt = ref<string | null>(null);
  const idleMinutes = ref(DEFAULT_IDLE_MINUTES);
  const notice = ref<SessionNotice | null>(null);
  /** Asking the server failed for another reason than "not signed in" (the network, most likely). */
  const loadError = shallowRef<ApiError | null>(null);
  /** The access of the account whose data this page may still hold, once it is no longer signed in. */
  let accessOfLastAccount: string | null = null;

  const signedIn = computed(() => user.value !== null);

  function can(permission: Permission): boolean {
    return user.value !== null && roleHolds(user.value.role, permission);
  }

  function adopt(session: Session): void {
    user.value = session.user;
    expiresAt.value = session.expiresAt;
    if (session.idleMinutes) idleMinutes.value = session.idleMinutes;
    setCsrfToken(session.csrfToken);
    loadError.value = null;
    known.value = true;
  }

  function forget(): void {
    if (user.value) accessOfLastAccount = accessOf(user.value);
    user.value = null;
    expiresAt.value = null;
    setCsrfToken(null);
  }

  /** Asks the server who is signed in (at start-up, before the first page shows). */
  async function loadSession(): Promise<void> {
    try {
      adopt(await fetchSession());
    } catch (caught) {
      const error = toApiError(caught);
      forget();
      if (error.status !== 401) loadError.value = error;
    } finally {
      known.value = true;
    }
  }

  /**
   * Signs in; failures are thrown as ApiErrors for the sign-in page to show. Answers whether the page still
   * holds data of an account with other access, which only a fresh start of the page clears.
   */
  async function signIn(username: string, password: string): Promise<{ freshStartNeeded: boolean }> {
    const session = await requestSignIn(username, password);
    adopt(session);
    notice.value = null;
    const freshStartNeeded = accessOfLastAccount !== null && accessOfLastAccount !== accessOf(session.user);
    accessOfLastAccount = null;
    return { freshStartNeeded };
  }

  /** Ends the session on the server; the caller starts the page afresh, so nothing of the account stays. */
  async function signOut(): Promise<void> {
    try {
      await requestSignOut();
    } catch {
      // Already ended, or the server cannot be reached: the page starts afresh all the same.
    }
    forget();
  }

  /** The server no longer knows the session (a 401 from a data route, or too long idle). */
  function expire(): void {
    if (!user.value) return;
    forget();
    notice.value = 'expired';
  }

  // Activity: keep the session alive while the user works, and end it on screen when they have left.
  let lastActivity = Date.now();
  let lastContact = Date.now();
  let idleTimer: ReturnType<typeof setInterval> | undefined;

  function noteActivity(): void {
    lastActivity = Date.now();
    if (user.value && lastActivity - lastContact > KEEPALIVE_INTERVAL_MS) void confirmSession();
  }

  /** Asks the server whether the session still holds; as a request, it also keeps it alive. */
  async function confirmSession(): Promise<void> {
    lastContact = Date.now();
    try {
      const session = await fetchSession();
      // Signed in as someone else in another tab: this page's data is not theirs.
      if (user.value && accessOf(session.user) !== accessOf(user.value)) expire();
      else if (user.value) adopt(session);
    } catch (caught) {
      if (toApiError(caught).status === 401) expire();
    }
  }

  function checkIdle(): void {
    // No request is sent here: it would keep alive the session of a screen nobody is looking at.
    if (user.value && Date.now() - lastActivity > idleMinutes.value * 60_000) expire();
  }

  watch(user, (current, previous) => {
    if (current && !previous) {
      lastActivity = lastContact = Date.now();
      idleTimer = setInterval(checkIdle, IDLE_CHECK_INTERVAL_MS);
    } else if (!current) {
      clearInterval(idleTimer);
    }
  });

  for (const name of ACTIVITY_EVENTS)
    window.addEventListener(name, noteActivity, { passive: true, capture: true });

  return {
    user,
    known,
    expiresAt,
    idleMinutes,
    notice,
    loadError,
    signedIn,
    can,
    loadSession,
    signIn,
    signOut,
    expire,
  };
});

/**
 * Reloads the page at an in-app path: the only sure way to drop every store's data when the account
 * changes (signing out, or signing in as someone with other access).
 */
export function startAfresh(path: string): void {
  window.history.replaceState(null, '', `#${path}`);
  window.location.reload();
}
