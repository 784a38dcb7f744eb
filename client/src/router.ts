import type { Permission } from '@domain/access/roles';
import type { Pinia } from 'pinia';
import { watch } from 'vue';
import { createRouter, createWebHashHistory, type RouteLocationNormalized, type Router } from 'vue-router';
import { onUnauthenticated } from './api/http';
import { LOGIN_PATH, safeNextPath } from './format/next-path';
import { useSessionStore } from './stores/session';
import LoginView from './views/LoginView.vue';
import MapView from './views/MapView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown without signing in. */
    public?: boolean;
    /** What the account's role must allow; without it the user is sent to the map. */
    permission?: Permission;
    /** A page printed as it is (the print pages): no header around it. */
    bare?: boolean;
  }
}

const DEFAULT_PATH = '/map';

/** The sign-in page, remembering where the user was going (the map's bare URL needs no remembering). */
function signInFirst(to: RouteLocationNormalized) {
  return { name: 'login', query: to.fullPath === DEFAULT_PATH ? {} : { next: to.fullPath } };
}

/**
 * Hash routing: the whole view sits after "#", so any static file server (or file share) can host the app.
 * No page but the sign-in page shows, nor asks for data, before the server has said who is signed in.
 */
export function createAppRouter(pinia: Pinia): Router {
  const router = createRouter({
    history: createWebHashHistory(),
    routes: [
      { path: LOGIN_PATH, name: 'login', component: LoginView, meta: { public: true } },
      { path: DEFAULT_PATH, name: 'map', component: MapView },
      // Loaded on first visit: most accounts never open them.
      {
        path: '/admin/users',
        name: 'admin-users',
        component: () => import('./views/AdminUsersView.vue'),
        meta: { permission: 'users:manage' },
      },
      {
        path: '/admin/audit',
        name: 'admin-audit',
        component: () => import('./views/AdminAuditView.vue'),
        meta: { permission: 'audit:read' },
      },
      {
        path: '/admin/categories',
        name: 'admin-taxonomies',
        component: () => import('./views/AdminTaxonomiesView.vue'),
        meta: { permission: 'settings:manage' },
      },
      {
        path: '/incidents',
        name: 'incidents',
        component: () => import('./views/IncidentListView.vue'),
        meta: { permission: 'incidents:read' },
      },
      {
        path: '/hotspots',
        name: 'hotspots',
        component: () => import('./views/HotSpotsView.vue'),
        meta: { permission: 'analysis:run' },
      },
      {
        path: '/programme',
        name: 'programme',
        component: () => import('./views/ProgrammeView.vue'),
        meta: { permission: 'programme:read' },
      },
      {
        path: '/programme/admin',
        name: 'programme-admin',
        component: () => import('./views/ProgrammeAdminView.vue'),
        meta: { permission: 'programme:read' },
      },
      {
        path: '/programme/candidates',
        name: 'programme-candidates',
        component: () => import('./views/ProgrammeCandidatesView.vue'),
        meta: { permission: 'programme:read' },
      },
      {
        path: '/import',
        name: 'import',
        component: () => import('./views/ImportView.vue'),
        meta: { permission: 'incidents:write' },
      },
      // A view laid out on paper for snapshots, printed by headless Chromium (server/services/print-render.ts).
      {
        path: '/print',
        name: 'print',
        component: () => import('./views/PrintView.vue'),
        meta: { bare: true },
      },
      // A briefing pack's cover, contents, table and atlas pages, printed by the server into the pack's PDF.
      {
        path: '/print/pack',
        name: 'print-pack',
        component: () => import('./views/PrintPackPageView.vue'),
        meta: { bare: true },
      },
      {
        path: '/briefings',
        name: 'briefings',
        component: () => import('./views/BriefingsView.vue'),
        meta: { permission: 'briefings:read' },
      },
      { path: '/:anything(.*)*', redirect: (to) => ({ path: DEFAULT_PATH, query: to.query }) },
    ],
  });

  const session = useSessionStore(pinia);

  router.beforeEach(async (to) => {
    if (!session.known) await session.loadSession();
    if (to.meta.public) {
      // Already signed in: the sign-in page has nothing to offer.
      return session.signedIn && to.name === 'login' ? (safeNextPath(to.query.next) ?? DEFAULT_PATH) : true;
    }
    if (!session.signedIn) return signInFirst(to);
    if (to.meta.permission && !session.can(to.meta.permission)) return DEFAULT_PATH;
    return true;
  });

  // A session that ends under the user's feet (expired, idle, ended by an administrator) sends them to the
  // sign-in page, which brings them back here afterwards. Signing out starts the page afresh instead.
  onUnauthenticated(() => session.expire());
  watch(
    () => session.user,
    (user) => {
      const current = router.currentRoute.value;
      if (!user && session.notice === 'expired' && !current.meta.public)
        void router.replace(signInFirst(current));
    },
  );

  return router;
}
