import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/vietnamese-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/vietnamese-600.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { createRouter, createWebHashHistory } from 'vue-router';
import App from './App.vue';
import { currentLanguage, i18n, setLanguage } from './i18n';
import MapView from './views/MapView.vue';
import './styles.css';

// Hash routing: the whole view sits after "#", so any static file server (or file share) can host the app.
const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/map', name: 'map', component: MapView },
    { path: '/:anything(.*)*', redirect: (to) => ({ path: '/map', query: to.query }) },
  ],
});

setLanguage(currentLanguage());

const app = createApp(App).use(createPinia()).use(router).use(i18n);
// The view store reads the URL when it is created: the first navigation must be done by then.
void router.isReady().then(() => app.mount('#app'));
