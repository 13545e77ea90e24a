/**
 * The frame around every signed-in page: the top navigation (who is signed in, language, sign out)
 * and the side navigation by role, in Cloudscape's AppLayout.
 */
import AppLayout from '@cloudscape-design/components/app-layout';
import SideNavigation, { type SideNavigationProps } from '@cloudscape-design/components/side-navigation';
import TopNavigation from '@cloudscape-design/components/top-navigation';
import { Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/auth';
import { useI18n, useLabel } from '../i18n/i18n';
import { rememberLocale } from '../i18n/locale';
import type { Locale } from '../i18n/messages';
import { type NavigationEntry, navigation } from '../routes';
import { useConfig } from './config-context';
import { consoleHref, useFollow } from './links';

export function Shell() {
  const { t } = useI18n();
  const label = useLabel();
  const auth = useAuth();
  const config = useConfig();
  const location = useLocation();
  const follow = useFollow();
  const staff = auth.session?.staff;
  const visible = (entry: NavigationEntry) => !entry.roles || (staff && entry.roles.includes(staff.role));
  const items: SideNavigationProps.Item[] = navigation.filter(visible).map((entry) =>
    entry.children
      ? {
          type: 'section',
          text: t(entry.label),
          items: entry.children.map((c) => ({ type: 'link', text: t(c.label), href: consoleHref(c.href) })),
        }
      : { type: 'link', text: t(entry.label), href: consoleHref(entry.href) },
  );
  return (
    <>
      <div id="top-nav" style={{ position: 'sticky', top: 0, zIndex: 1002 }}>
        <TopNavigation
          identity={{
            href: consoleHref('/'),
            title: `${t('appName')} · ${t('consoleName')}${config.stage === 'prod' ? '' : ` (${config.stage})`}`,
            onFollow: (event) => follow(event as CustomEvent<{ href?: string }>),
          }}
          utilities={[
            {
              type: 'menu-dropdown',
              text: t('language'),
              iconName: 'globe',
              items: [
                { id: 'zh-CN', text: '中文' },
                { id: 'en', text: 'English' },
              ],
              onItemClick: ({ detail }) => {
                rememberLocale(detail.id as Locale);
                const url = new URL(window.location.href);
                url.searchParams.set('lang', detail.id);
                // Cloudscape's strings are loaded per language at start: switching reloads the page
                window.location.assign(url.toString());
              },
            },
            ...(staff
              ? [
                  {
                    type: 'menu-dropdown' as const,
                    text: staff.sub,
                    description: t('signedInAs', {
                      sub: staff.sub,
                      role: t(`role.${staff.role}`),
                      team: label('team', staff.team),
                    }),
                    iconName: 'user-profile' as const,
                    items: [{ id: 'sign-out', text: t('signOut') }],
                    onItemClick: () => auth.signOut(),
                  },
                ]
              : []),
          ]}
        />
      </div>
      <AppLayout
        headerSelector="#top-nav"
        toolsHide
        navigation={
          <SideNavigation
            header={{ text: t('consoleName'), href: consoleHref('/') }}
            activeHref={consoleHref(location.pathname)}
            items={items}
            onFollow={follow}
          />
        }
        content={<Outlet />}
      />
    </>
  );
}
