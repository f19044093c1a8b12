import type { SeedCategory } from './types.ts';

export const SEED_CATEGORIES: SeedCategory[] = [
  {
    slug: 'account',
    nameEs: 'Cuenta y acceso',
    nameEn: 'Account & sign-in',
    descriptionEs: 'Contraseñas, verificación en dos pasos, datos personales y acceso a tu área de cliente Nubia.',
    descriptionEn: 'Passwords, two-step verification, personal details and access to your Nubia customer area.',
    sections: [
      { slug: 'account-sign-in', nameEs: 'Inicio de sesión y contraseñas', nameEn: 'Sign-in & passwords' },
      { slug: 'account-security', nameEs: 'Seguridad y privacidad', nameEn: 'Security & privacy' },
    ],
  },
  {
    slug: 'billing',
    nameEs: 'Facturación y pagos',
    nameEn: 'Billing & payments',
    descriptionEs: 'Facturas, métodos de pago, cargos inesperados, reembolsos y cambios de tarifa.',
    descriptionEn: 'Invoices, payment methods, unexpected charges, refunds and plan changes.',
    sections: [
      { slug: 'billing-invoices', nameEs: 'Facturas y cargos', nameEn: 'Invoices & charges' },
      { slug: 'billing-payments', nameEs: 'Métodos de pago', nameEn: 'Payment methods' },
    ],
  },
  {
    slug: 'orders',
    nameEs: 'Pedidos y envíos',
    nameEn: 'Orders & shipping',
    descriptionEs: 'Compras en la tienda online: seguimiento, plazos de entrega, devoluciones y garantías.',
    descriptionEn: 'Online store purchases: tracking, delivery times, returns and warranties.',
    sections: [
      { slug: 'orders-tracking', nameEs: 'Seguimiento y entrega', nameEn: 'Tracking & delivery' },
      { slug: 'orders-returns', nameEs: 'Devoluciones y garantías', nameEn: 'Returns & warranty' },
    ],
  },
  {
    slug: 'internet',
    nameEs: 'Internet y fibra',
    nameEn: 'Internet & fiber',
    descriptionEs: 'Conexión lenta, cortes, averías, instalación de fibra y velocidad contratada.',
    descriptionEn: 'Slow connection, outages, faults, fiber installation and your contracted speed.',
    sections: [
      { slug: 'internet-speed', nameEs: 'Velocidad y cortes', nameEn: 'Speed & outages' },
      { slug: 'internet-installation', nameEs: 'Instalación de fibra', nameEn: 'Fiber installation' },
    ],
  },
  {
    slug: 'mobile-app',
    nameEs: 'App móvil',
    nameEn: 'Mobile app',
    descriptionEs: 'Instalación, inicio de sesión, notificaciones y errores de la app Mi Nubia para iOS y Android.',
    descriptionEn: 'Installing, signing in, notifications and errors in the My Nubia app for iOS and Android.',
    sections: [
      { slug: 'mobile-app-sign-in', nameEs: 'Instalación y acceso', nameEn: 'Installing & signing in' },
      { slug: 'mobile-app-notifications', nameEs: 'Notificaciones y ajustes', nameEn: 'Notifications & settings' },
    ],
  },
  {
    slug: 'devices',
    nameEs: 'Dispositivos y router',
    nameEn: 'Devices & router',
    descriptionEs: 'Configuración del router Nubia, Wi-Fi, decodificador de TV, móviles y accesorios.',
    descriptionEn: 'Setting up your Nubia router, Wi-Fi, TV set-top box, phones and accessories.',
    sections: [
      { slug: 'devices-wifi', nameEs: 'Wi-Fi', nameEn: 'Wi-Fi' },
      { slug: 'devices-router', nameEs: 'Router y decodificador', nameEn: 'Router & set-top box' },
    ],
  },
];
