import {
  createContext,
  useContext,
  useEffect,
  useState,
  type AnchorHTMLAttributes,
  type ReactNode,
} from 'react';

/** A minimal history router: the portal has a handful of pages. */
interface Location {
  pathname: string;
  search: URLSearchParams;
}
const RouterContext = createContext<{ location: Location; navigate(to: string): void } | null>(null);

const current = (): Location => ({
  pathname: window.location.pathname,
  search: new URLSearchParams(window.location.search),
});

export function Router({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(current);
  useEffect(() => {
    const onPop = () => setLocation(current());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (to: string) => {
    window.history.pushState(null, '', to);
    setLocation(current());
    window.scrollTo(0, 0);
  };
  return <RouterContext.Provider value={{ location, navigate }}>{children}</RouterContext.Provider>;
}

export function useRouter() {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside Router');
  return value;
}

/** A link that navigates inside the portal (and stays a real link: new tab, copy address). */
export function Link({ to, children, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { navigate, location } = useRouter();
  const active = location.pathname === to;
  return (
    <a
      href={to}
      aria-current={active ? 'page' : undefined}
      {...rest}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
