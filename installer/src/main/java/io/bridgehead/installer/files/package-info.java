/** File and folder operations the install steps share. */
package io.bridgehead.installer.files;
